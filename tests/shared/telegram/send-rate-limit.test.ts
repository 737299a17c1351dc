import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramApi } from '../../../shared/telegram/index.ts';
import { reserveSlot, sendRateLimit } from '../../../shared/telegram/send-rate-limit.ts';
import { Api } from 'grammy';
import { startFakeTelegram } from '../../support/fake-telegram.ts';
import { testConfig, testLogger } from '../../support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

let database: TestDatabase;
let telegram: Awaited<ReturnType<typeof startFakeTelegram>>;

beforeAll(async () => {
  database = await createTestDatabase();
  telegram = await startFakeTelegram();
});
afterAll(async () => {
  await telegram?.close();
  await database?.drop();
});

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);

describe('Telegram send limits', () => {
  it('hands out one slot per interval to concurrent callers', async () => {
    const waits = await Promise.all(Array.from({ length: 6 }, () => reserveSlot(database.db, 'test:concurrent', 200)));
    const sorted = [...waits].sort((a, b) => a - b);
    expect(sorted[0]).toBeLessThan(50);
    for (const gap of gaps(sorted)) expect(gap).toBeGreaterThanOrEqual(150);
  });

  it('spaces messages to one chat across two worker clients sharing the database', async () => {
    const limits = { perChatIntervalMs: 250, globalIntervalMs: 1 };
    const workers = [1, 2].map(() => {
      const api = new Api('123:A', { apiRoot: telegram.apiRoot });
      api.config.use(sendRateLimit(database.db, limits));
      return api;
    });
    const chatId = 5001;
    await Promise.all(Array.from({ length: 6 }, (_, i) => workers[i % 2]!.sendMessage(chatId, `message ${i}`)));
    const arrivals = telegram.calls
      .filter((c) => c.payload.chat_id === chatId)
      .map((c) => c.at)
      .sort((a, b) => a - b);
    expect(arrivals).toHaveLength(6);
    // A little slack for timer jitter; the point is they never bunch up.
    for (const gap of gaps(arrivals)) expect(gap).toBeGreaterThanOrEqual(200);
  });

  it('keeps a separate slot per chat, so a busy chat does not hold back the others', async () => {
    const busy = await Promise.all([1, 2, 3].map(() => reserveSlot(database.db, 'chat:6001', 2000)));
    const others = await Promise.all(['chat:6002', 'chat:6003'].map((key) => reserveSlot(database.db, key, 2000)));
    expect(Math.max(...busy)).toBeGreaterThanOrEqual(3000);
    expect(others).toEqual([0, 0]);
  });

  it('retries a 429 after retry_after and delivers the message once', async () => {
    const api = createTelegramApi(
      testConfig({ TELEGRAM_BOT_TOKEN: '123:A', TELEGRAM_SECRET_TOKEN: 's', TELEGRAM_API_ROOT: telegram.apiRoot }),
      testLogger(),
      { db: database.db },
    );
    telegram.script('sendMessage', {
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 1',
        parameters: { retry_after: 1 },
      },
    });
    const message = await api.sendMessage(7001, 'after a pause');
    expect(message.message_id).toBeGreaterThan(0);
    const tries = telegram.calls.filter((c) => c.payload.chat_id === 7001);
    expect(tries).toHaveLength(2);
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(900);
  });

  it('does not retry a 403 from a user who blocked the bot', async () => {
    const api = createTelegramApi(
      testConfig({ TELEGRAM_BOT_TOKEN: '123:A', TELEGRAM_SECRET_TOKEN: 's', TELEGRAM_API_ROOT: telegram.apiRoot }),
      testLogger(),
      { db: database.db },
    );
    telegram.script('sendMessage', {
      status: 403,
      body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' },
    });
    await expect(api.sendMessage(8001, 'hello?')).rejects.toMatchObject({ error_code: 403 });
    expect(telegram.calls.filter((c) => c.payload.chat_id === 8001)).toHaveLength(1);
  });
});
