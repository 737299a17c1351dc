import { existsSync } from 'node:fs';
import { ConfigError, exitOnConfigError, loadConfigOrExit } from '../shared/config/index.ts';
import { connectDatabaseOrExit } from '../shared/db/connect.ts';
import { closeOnSignal } from '../shared/close-on-signal.ts';
import { createLogger } from '../shared/log/index.ts';
import { connectQueue } from '../shared/queue/index.ts';
import { startRenderer } from './start-renderer.ts';

// renderer: RabbitMQ (render queue) → load the published version from the preview origin in
// Chromium → screenshots and quality check → the final message with the picture.
const config = loadConfigOrExit();
// Workers reach a renderer only through RabbitMQ (npm start runs one in-process on its own).
if (!config.rabbitmqUrl)
  exitOnConfigError(
    new ConfigError(['RABBITMQ_URL: required by the renderer (the workers hand it renders through RabbitMQ)']),
  );
if (!existsSync(config.renderer.chromiumPath))
  exitOnConfigError(
    new ConfigError([
      `CHROMIUM_PATH: no browser at ${config.renderer.chromiumPath} (Debian: apt-get install chromium)`,
    ]),
  );
const log = createLogger(config);
const db = connectDatabaseOrExit(config, { log, holder: 'npm run renderer' });
const queue = await connectQueue(config, log, 'renderer', {
  lane: 'renders',
  concurrency: config.renderer.concurrency,
});
const renderer = await startRenderer(config, { db, queue, log });
// Renders in flight end within RENDER_TIMEOUT_MS; then time to send their messages and close.
closeOnSignal(log, [{ close: () => db.destroy() }, queue, renderer], config.renderer.timeoutMs + 15_000);
