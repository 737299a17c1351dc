import { exitOnConfigError, loadConfigOrExit } from '../shared/config/index.ts';
import { connectDatabaseOrExit } from '../shared/db/connect.ts';
import { closeOnSignal } from '../shared/close-on-signal.ts';
import { createLogger } from '../shared/log/index.ts';
import { connectQueue } from '../shared/queue/index.ts';
import { startApi } from './start-api.ts';

// api: Telegram webhook → dedup + job + outbox (one transaction) → outbox relay → RabbitMQ.
const config = loadConfigOrExit();
const log = createLogger(config);
const db = connectDatabaseOrExit(config, { log, holder: 'npm run api' });
const queue = await connectQueue(config, log, 'api');
const api = await startApi(config, { db, queue, log }).catch(exitOnConfigError);
closeOnSignal(log, [{ close: () => db.destroy() }, queue, api]);
