import { startPreview } from '../../preview/start-preview.ts';
import { loadConfig } from '../../shared/config/index.ts';
import { createLogger } from '../../shared/log/index.ts';

// The real preview server (all security headers, symlink-safe lookup) on a free loopback port.
const config = loadConfig({ ...process.env, LISTEN_HOST: '127.0.0.1', PREVIEW_PORT: '0', PREVIEW_METRICS_PORT: '0' });
const preview = await startPreview(config, createLogger(config));
process.stdout.write(`${JSON.stringify({ url: preview.url })}\n`);
process.once('SIGTERM', () => {
  void preview.close().then(() => process.exit(0));
});
