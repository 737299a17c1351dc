import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../api/start-api.ts';
import { loadConfig } from '../../shared/config/index.ts';
import { connectDatabase } from '../../shared/db/connect.ts';
import { connectQueue, type JobQueue } from '../../shared/queue/index.ts';
import { ALLOWED_UPDATES } from '../../shared/telegram/allowed-updates.ts';
import { startFakeTelegram } from '../support/fake-telegram.ts';
import { TEST_RABBITMQ_URL } from '../support/services.ts';
import { testConfig, testLogger } from '../support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { testQueueNames } from '../support/test-queue.ts';
import { textUpdate } from '../support/updates.ts';
import { until } from '../support/until.ts';

let database: TestDatabase;
let telegram: Awaited<ReturnType<typeof startFakeTelegram>>;
let queues: ReturnType<typeof testQueueNames>;
let queue: JobQueue;

/** A bot token, no WEBHOOK_URL and no secret: what a person sets on a laptop. */
const pollingConfig = () =>
  testConfig({
    DATABASE_URL: database.url,
    RABBITMQ_URL: TEST_RABBITMQ_URL,
    QUEUE_PREFIX: queues.prefix,
    TELEGRAM_BOT_TOKEN: '123456:POLL-token',
    TELEGRAM_API_ROOT: telegram.apiRoot,
    WEBHOOK_URL: undefined,
  });

const jobsOf = (updateId: number) =>
  database.db.selectFrom('jobs').select(['id', 'chat_id']).where('update_id', '=', updateId).execute();

beforeAll(async () => {
  database = await createTestDatabase();
  telegram = await startFakeTelegram();
  queues = testQueueNames(1000);
  queue = await connectQueue(pollingConfig(), testLogger(), 'api');
});

afterAll(async () => {
  await queue?.close();
  await queues?.delete();
  await telegram?.close();
  await database?.drop();
});

describe('long polling: a bot token without a webhook URL', () => {
  it('is a valid configuration without a webhook secret; a webhook URL needs one', () => {
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: '123:abc' })).not.toThrow();
    expect(() =>
      loadConfig({ TELEGRAM_BOT_TOKEN: '123:abc', WEBHOOK_URL: 'https://bot.example.com/telegram/webhook' }),
    ).toThrow(/TELEGRAM_SECRET_TOKEN/);
  });

  it('fetches updates from the Bot API, records a job for a text message, answers in the chat, and handles a redelivered update once', async () => {
    const first = await startApi(pollingConfig(), { db: database.db, queue, log: testLogger() });
    const request = textUpdate('a landing page for a coffee shop');
    const chatId = request.message.chat.id;
    try {
      telegram.queueUpdate(request);
      await until(async () => (await jobsOf(request.update_id)).length === 1);
      // The acknowledgement goes straight to the Bot API (there is no webhook response to ride on).
      await telegram.waitFor(() => telegram.messagesTo(chatId).length > 0);

      const methods = telegram.calls.map((call) => call.method);
      expect(methods.indexOf('deleteWebhook')).toBeGreaterThanOrEqual(0);
      expect(methods.indexOf('deleteWebhook')).toBeLessThan(methods.indexOf('getUpdates'));
      expect(telegram.calls.find((call) => call.method === 'getUpdates')?.payload.allowed_updates).toEqual([
        ...ALLOWED_UPDATES,
      ]);
    } finally {
      await first.close();
    }

    // A process that stopped before Telegram heard the update was handled gets it again after a
    // restart. Updates are handled in order, so once the marker's job exists the repeat was handled.
    const second = await startApi(pollingConfig(), { db: database.db, queue, log: testLogger() });
    try {
      const marker = textUpdate('a site for a bakery');
      telegram.queueUpdate(request);
      telegram.queueUpdate(marker);
      await until(async () => (await jobsOf(marker.update_id)).length === 1);
      expect(await jobsOf(request.update_id)).toHaveLength(1);
      const recorded = await database.db
        .selectFrom('updates')
        .select('update_id')
        .where('update_id', '=', request.update_id)
        .execute();
      expect(recorded).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('leaves a registered webhook alone and does not poll', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const callsBefore = telegram.calls.length;
    telegram.script('getWebhookInfo', {
      status: 200,
      body: {
        ok: true,
        result: {
          url: 'https://bot.example.com/telegram/webhook',
          has_custom_certificate: false,
          pending_update_count: 0,
        },
      },
    });
    const api = await startApi(pollingConfig(), { db: database.db, queue, log });
    try {
      await until(() => lines.some((line) => line.includes('a webhook is registered for this bot')));
      const methods = telegram.calls.slice(callsBefore).map((call) => call.method);
      expect(methods).toContain('getWebhookInfo');
      expect(methods).not.toContain('deleteWebhook');
      expect(methods).not.toContain('getUpdates');
    } finally {
      await api.close();
    }
  });

  it('handles an update it could not record again, rather than skipping it', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    // PostgreSQL that is not there: nothing listens on port 1.
    const deadDb = connectDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:1/none', dataDir: '' });
    const update = textUpdate('a site for a florist');
    const api = await startApi(pollingConfig(), { db: deadDb, queue, log });
    try {
      telegram.queueUpdate(update);
      const failures = () =>
        lines.filter(
          (line) => line.includes('could not record the update') && line.includes(`"updateId":${update.update_id}`),
        );
      await until(() => failures().length >= 2);
    } finally {
      await api.close();
      await deadDb.destroy();
    }
  });
});
