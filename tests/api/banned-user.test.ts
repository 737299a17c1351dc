import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../api/start-api.ts';
import { blockUser, unblockUser } from '../../ops/commands/users.ts';
import { connectQueue, type JobQueue } from '../../shared/queue/index.ts';
import { startFakeTelegram } from '../support/fake-telegram.ts';
import { TEST_RABBITMQ_URL } from '../support/services.ts';
import { testConfig, testLogger } from '../support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { testQueueNames } from '../support/test-queue.ts';
import { textUpdate } from '../support/updates.ts';

const SECRET = 'banned-user-secret';

let database: TestDatabase;
let telegram: Awaited<ReturnType<typeof startFakeTelegram>>;
let queue: JobQueue;
let api: Awaited<ReturnType<typeof startApi>>;
const queues = testQueueNames(1000);

beforeAll(async () => {
  database = await createTestDatabase();
  telegram = await startFakeTelegram();
  const config = testConfig({
    DATABASE_URL: database.url,
    RABBITMQ_URL: TEST_RABBITMQ_URL,
    QUEUE_PREFIX: queues.prefix,
    RETRY_BASE_DELAY_MS: '1000',
    TELEGRAM_BOT_TOKEN: '123456:TEST-token',
    TELEGRAM_SECRET_TOKEN: SECRET,
    TELEGRAM_API_ROOT: telegram.apiRoot,
  });
  queue = await connectQueue(config, testLogger());
  api = await startApi(config, { db: database.db, queue, log: testLogger() });
});

afterAll(async () => {
  await api?.close();
  await queue?.close();
  await queues.delete();
  await telegram?.close();
  await database?.drop();
});

async function post(update: unknown) {
  const response = await fetch(`${api.url}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify(update),
  });
  expect(response.status).toBe(200);
  return response.json();
}

const jobsFor = (updateId: number) => database.db.selectFrom('jobs').select('id').where('update_id', '=', updateId).execute();

describe('a user blocked with the ops CLI', () => {
  it('gets a short plain refusal for a text message, and no job is created', async () => {
    const update = textUpdate('a landing page for a casino', { chatId: 5150 });
    await blockUser(database.db, 5150, 'abuse');

    const reply = await post(update);

    expect(reply).toEqual({ method: 'sendMessage', chat_id: 5150, text: 'Sorry, this bot is not available to you.' });
    expect(await jobsFor(update.update_id)).toHaveLength(0);
  });

  it('gets jobs again once unblocked', async () => {
    await blockUser(database.db, 5151, undefined);
    await unblockUser(database.db, 5151);
    const update = textUpdate('a landing page for a bakery', { chatId: 5151 });

    await post(update);

    expect(await jobsFor(update.update_id)).toHaveLength(1);
  });
});
