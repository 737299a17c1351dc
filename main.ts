import { existsSync } from 'node:fs';
import { LocalChat } from './api/local-chat/local-chat.ts';
import { startApi } from './api/start-api.ts';
import { startAdminServer } from './ops/admin-server.ts';
import { startPreview } from './preview/start-preview.ts';
import { startRenderer } from './renderer/start-renderer.ts';
import { exitOnConfigError, loadConfigOrExit } from './shared/config/index.ts';
import { connectDatabaseOrExit, embeddedDatabase } from './shared/db/connect.ts';
import { migrateToLatest } from './shared/db/migrate.ts';
import { closeOnSignal } from './shared/close-on-signal.ts';
import { resumeAfterRestart } from './shared/jobs/index.ts';
import { createLogger } from './shared/log/index.ts';
import { describePreviewStorage } from './shared/previews/index.ts';
import { connectQueue } from './shared/queue/index.ts';
import { startWorker } from './worker/start-worker.ts';

// `npm start`: api + worker + preview (+ renderer, with Chromium) in one process, on embedded defaults where nothing is
// configured (PGlite under DATA_DIR, in-process queue, mock provider, previews under PREVIEWS_DIR,
// and without a bot token a local chat page instead of Telegram). Same code paths as the three
// services; only the adapters differ.
const config = loadConfigOrExit();
const log = createLogger(config);
const db = connectDatabaseOrExit(config, { log, holder: 'npm start' });
await migrateToLatest(db);
const queue = await connectQueue(config, log);
if (!config.rabbitmqUrl) await resumeAfterRestart(db);

// Without a bot token the worker's messages must land in the conversation the api's chat page shows.
const localChat = new LocalChat();
const preview = await startPreview(config, log).catch(exitOnConfigError);
// The renderer too, when there is a browser to drive: the answers then carry a picture of the site.
// Without Chromium (or with SCREENSHOTS=off) there is no render queue, and the link goes at once.
const renders =
  config.renderer.screenshots && existsSync(config.renderer.chromiumPath)
    ? await connectQueue(config, log, 'renderer', { lane: 'renders', concurrency: config.renderer.concurrency })
    : undefined;
const renderer = renders ? await startRenderer(config, { db, queue: renders, log, local: localChat }) : undefined;
const worker = await startWorker(config, { db, queue, log, local: localChat, renders });
const api = await startApi(config, { db, queue, log, localChat });
// The embedded database is this process's alone: the ops CLI runs its commands here, through an
// endpoint on loopback whose address and token only the data folder's owner file holds.
const embedded = embeddedDatabase(db);
const admin = embedded ? await startAdminServer({ config, db, log }) : undefined;
if (admin) embedded?.claim.advertise({ url: admin.url, token: admin.token });
// One line with every address it serves, each as reachable from this machine.
const urls = {
  chatPage: api.chatPageUrl,
  api: onThisMachine(api.url),
  previews: config.preview.baseUrl,
  metrics: `${onThisMachine(api.url)}/metrics`,
};
const served = `api ${urls.api}, previews ${urls.previews}, metrics ${urls.metrics}`;
log.info(
  {
    ...urls,
    database: config.databaseUrl ? 'postgresql' : 'embedded (PGlite)',
    queue: config.rabbitmqUrl ? 'rabbitmq' : 'in-process',
    previewStorage: describePreviewStorage(config.preview.storage),
    pictures: renderer ? `renderer (${config.renderer.chromiumPath})` : 'off (link only)',
    provider: config.ai.provider,
    telegram: !config.telegram.botToken
      ? 'none (local chat page)'
      : config.telegram.webhookUrl
        ? 'webhook'
        : 'long polling',
  },
  urls.chatPage
    ? `AI Orchestrator is running. Try it: open ${urls.chatPage} (${served})`
    : `AI Orchestrator is running (${served})`,
);
// The worker's grace period, plus time to settle messages and close connections.
closeOnSignal(
  log,
  [
    { close: () => db.destroy() },
    queue,
    ...(renders ? [renders] : []),
    preview,
    ...(renderer ? [renderer] : []),
    worker,
    api,
    ...(admin ? [admin] : []),
  ],
  config.shutdownGraceMs + 10_000,
);

/** A listening address as a browser on this machine reaches it (0.0.0.0 and [::] are no destination). */
function onThisMachine(listening: string): string {
  const url = new URL(listening);
  if (url.hostname === '0.0.0.0' || url.hostname === '[::]') url.hostname = '127.0.0.1';
  return url.origin;
}
