import { startApi } from './api/start-api.ts';
import { startPreview } from './preview/start-preview.ts';
import { loadConfigOrExit } from './shared/config/index.ts';
import { connectDatabase } from './shared/db/connect.ts';
import { migrateToLatest } from './shared/db/migrate.ts';
import { resumeAfterRestart } from './shared/jobs/index.ts';
import { closeOnSignal } from './shared/lifecycle.ts';
import { createLogger } from './shared/log/index.ts';
import { connectQueue } from './shared/queue/index.ts';
import { startWorker } from './worker/start-worker.ts';

// `npm start`: api + worker + preview in one process, on embedded defaults where nothing is
// configured (PGlite under DATA_DIR, in-process queue, mock provider, and without a bot token a
// local chat page instead of Telegram). Same code paths as the three services; only the adapters differ.
const config = loadConfigOrExit();
const log = createLogger(config);
const db = connectDatabase(config, { log });
await migrateToLatest(db);
const queue = await connectQueue(config, log);
if (!config.rabbitmqUrl) await resumeAfterRestart(db);

const preview = await startPreview(config, log);
const worker = await startWorker(config, { db, queue, log });
const api = await startApi(config, { db, queue, log });
log.info(
  {
    api: api.url,
    preview: preview.url,
    // One registry per process: the worker and preview-metrics ports' /metrics show the same.
    metrics: `${api.url}/metrics`,
    database: config.databaseUrl ? 'postgresql' : 'embedded (PGlite)',
    queue: config.rabbitmqUrl ? 'rabbitmq' : 'in-process',
    provider: config.ai.provider,
    telegram: !config.telegram.botToken
      ? 'none (local chat page)'
      : config.telegram.webhookUrl
        ? 'webhook'
        : 'long polling',
  },
  'AI Orchestrator is running',
);
if (api.chatPageUrl) log.info({ chatPage: api.chatPageUrl }, `Try it: open ${api.chatPageUrl}`);
// The worker's grace period, plus time to settle messages and close connections.
closeOnSignal(log, [{ close: () => db.destroy() }, queue, preview, worker, api], config.shutdownGraceMs + 10_000);
