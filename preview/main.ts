import { exitOnConfigError, loadConfigOrExit } from '../shared/config/index.ts';
import { closeOnSignal } from '../shared/close-on-signal.ts';
import { createLogger } from '../shared/log/index.ts';
import { describePreviewStorage } from '../shared/previews/index.ts';
import { startPreview } from './start-preview.ts';

// preview: the published previews (PREVIEW_STORAGE), read only, on their own origin under a strict CSP.
const config = loadConfigOrExit();
const log = createLogger(config);
const preview = await startPreview(config, log).catch(exitOnConfigError);
log.info({ url: preview.url, ...describePreviewStorage(config.preview.storage) }, 'preview listening');
closeOnSignal(log, [preview]);
