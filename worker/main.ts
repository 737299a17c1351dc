import { exitOnConfigError, loadConfigOrExit } from '../shared/config/index.ts';
import { connectDatabaseOrExit } from '../shared/db/connect.ts';
import { closeOnSignal } from '../shared/close-on-signal.ts';
import { createLogger } from '../shared/log/index.ts';
import { connectQueue } from '../shared/queue/index.ts';
import { startWorker } from './start-worker.ts';

// worker: RabbitMQ → claim job → AI provider → sanitize → publish the version → reply in chat.
const config = loadConfigOrExit();
const log = createLogger(config);
const db = connectDatabaseOrExit(config, { log, holder: 'npm run worker' });
const queue = await connectQueue(config, log, 'worker');
const worker = await startWorker(config, { db, queue, log }).catch(exitOnConfigError);
// The worker's grace period, plus time to settle messages and close connections.
closeOnSignal(log, [{ close: () => db.destroy() }, queue, worker], config.shutdownGraceMs + 10_000);
