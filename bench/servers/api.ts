import { startApi } from '../../api/start-api.ts';
import { loadConfig } from '../../shared/config/index.ts';
import { connectDatabase } from '../../shared/db/connect.ts';
import { createLogger } from '../../shared/log/index.ts';
import { connectQueue } from '../../shared/queue/index.ts';

// The real api (webhook, inbox, its processor, outbox relay) on a free loopback port, for benchmarks.
const config = loadConfig({ ...process.env, LISTEN_HOST: '127.0.0.1', API_PORT: '0' });
const log = createLogger(config);
const db = connectDatabase(config);
const queue = await connectQueue(config, log);
const api = await startApi(config, { db, queue, log });
process.stdout.write(`${JSON.stringify({ url: api.url })}\n`);
// Exits at once when stopped: a graceful close would first send every acknowledgement still owed
// (one chat message per job, spaced to Telegram's 30 a second: minutes of them after a 10 s burst),
// and nothing after the benchmark's own measurements needs them; its database is dropped anyway.
process.once('SIGTERM', () => process.exit(0));
