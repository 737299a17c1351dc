import { setFlagsFromString } from 'node:v8';
import { exitOnConfigError, loadConfigOrExit } from '../shared/config/index.ts';
import { connectDatabaseOrExit } from '../shared/db/connect.ts';
import { closeOnSignal } from '../shared/close-on-signal.ts';
import { createLogger } from '../shared/log/index.ts';
import { connectQueue } from '../shared/queue/index.ts';
import { startWorker } from './start-worker.ts';

// worker: RabbitMQ → claim job → AI provider → sanitize → publish the version → reply in chat.

// A job holds its objects (provider stream, chat calls and their send-slot waits, database rows) for
// seconds, so at a high WORKER_CONCURRENCY they outlive young-generation collections and pile up as
// old-space garbage: with V8's default heap growth the first full collection came only at ~150 MB
// of heap and the worker peaked at ~245 MB RSS in bench/pipeline-burst.ts (concurrency 50). Collecting
// for size keeps it near 180 MB for about 4 % more CPU in the sanitizer. V8 reads this flag at each
// collection, so setting it here, before any job, takes effect (it is not allowed in NODE_OPTIONS).
setFlagsFromString('--optimize-for-size');
const config = loadConfigOrExit();
const log = createLogger(config);
const db = connectDatabaseOrExit(config, { log, holder: 'npm run worker' });
const queue = await connectQueue(config, log, 'worker');
// Renders go through RabbitMQ only: without it there is no renderer to hand them to.
const renders =
  config.rabbitmqUrl && config.renderer.screenshots
    ? await connectQueue(config, log, 'worker', { lane: 'renders', concurrency: 1 })
    : undefined;
const worker = await startWorker(config, { db, queue, log, renders }).catch(exitOnConfigError);
// The worker's grace period, plus time to settle messages and close connections.
closeOnSignal(
  log,
  [{ close: () => db.destroy() }, queue, ...(renders ? [renders] : []), worker],
  config.shutdownGraceMs + 10_000,
);
