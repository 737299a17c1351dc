import { loadConfigOrExit } from '../shared/config/index.ts';
import { closeOnSignal } from '../shared/close-on-signal.ts';
import { createLogger } from '../shared/log/index.ts';
import { startPreview } from './start-preview.ts';

// preview: PREVIEWS_DIR/<previewId>/… on its own origin, read-only, under a strict CSP.
const config = loadConfigOrExit();
const log = createLogger(config);
const preview = await startPreview(config, log);
log.info({ url: preview.url, previewsDir: config.preview.dir }, 'preview listening');
closeOnSignal(log, [preview]);
