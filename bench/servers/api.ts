import { startApi } from '../../api/start-api.ts';
import { loadConfig } from '../../shared/config/index.ts';
import { connectDatabase } from '../../shared/db/connect.ts';
import { createLogger } from '../../shared/log/index.ts';
import { connectQueue } from '../../shared/queue/index.ts';

// The real api (webhook, dedup transaction, outbox relay) on a free loopback port, for benchmarks.
const config = loadConfig({ ...process.env, LISTEN_HOST: '127.0.0.1', API_PORT: '0' });
const log = createLogger(config);
const db = connectDatabase(config);
const queue = await connectQueue(config, log);
const api = await startApi(config, { db, queue, log });
process.stdout.write(`${JSON.stringify({ url: api.url })}\n`);
process.once('SIGTERM', async () => {
  await api.close();
  await queue.close();
  await db.destroy();
  process.exit(0);
});
