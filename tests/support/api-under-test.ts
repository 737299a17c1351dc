import { startApi } from '../../api/start-api.ts';
import { connectQueue } from '../../shared/queue/index.ts';
import { startFakeTelegram } from './fake-telegram.ts';
import { TEST_RABBITMQ_URL } from './services.ts';
import { testConfig, testLogger } from './test-config.ts';
import { createTestDatabase } from './test-database.ts';
import { testQueueNames } from './test-queue.ts';

/**
 * The real api (webhook, dedup transaction, outbox relay) on a loopback port, with its own
 * PostgreSQL database, its own RabbitMQ queue names and a fake Bot API. No worker runs, so what
 * the relay publishes stays in the jobs queue for the test to read.
 */
export async function startApiUnderTest(secret: string) {
  const database = await createTestDatabase();
  const telegram = await startFakeTelegram();
  const queues = testQueueNames(1000);
  const config = testConfig({
    DATABASE_URL: database.url,
    RABBITMQ_URL: TEST_RABBITMQ_URL,
    QUEUE_PREFIX: queues.prefix,
    RETRY_BASE_DELAY_MS: '1000',
    TELEGRAM_BOT_TOKEN: '123456:TEST-token',
    TELEGRAM_SECRET_TOKEN: secret,
    TELEGRAM_API_ROOT: telegram.apiRoot,
  });
  const queue = await connectQueue(config, testLogger(), 'api');
  const api = await startApi(config, { db: database.db, queue, log: testLogger() });
  return {
    database,
    telegram,
    queue,
    queues,
    api,
    async close() {
      await api.close();
      await queue.close();
      await queues.delete();
      await telegram.close();
      await database.drop();
    },
  };
}

export type ApiUnderTest = Awaited<ReturnType<typeof startApiUnderTest>>;
