import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramApi } from '../../../shared/telegram/index.ts';
import { reserveSendSlot, sendRateLimit, type SendLimits } from '../../../shared/telegram/send-rate-limit.ts';
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

/** Fresh chat keys per test: the calendar and the chats' turns are shared by the whole database. */
let nextChat = 90_000;
const chats = (count: number) => Array.from({ length: count }, () => String(nextChat++));

/** When each reservation, made one after the other, sends (ms since the epoch, on the database's clock). */
async function reserveInOrder(limits: SendLimits, chatKeys: string[]): Promise<number[]> {
  const sendAt: number[] = [];
  for (const key of chatKeys)
    sendAt.push((await reserveSendSlot(database.db, key, limits)).slot * limits.globalIntervalMs);
  return sendAt;
}

describe('Telegram send limits', () => {
  it('hands out one overall slot per interval to concurrent callers', async () => {
    const limits = { perChatIntervalMs: 1000, globalIntervalMs: 200 };
    const reserved = await Promise.all(chats(6).map((key) => reserveSendSlot(database.db, key, limits)));
    expect(Math.min(...reserved.map((r) => r.waitMs))).toBeLessThan(250);
    const sendAt = reserved.map((r) => r.slot * limits.globalIntervalMs).sort((a, b) => a - b);
    for (const gap of gaps(sendAt)) expect(gap).toBeGreaterThanOrEqual(200);
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

  it('keeps a separate turn per chat, so a busy chat does not hold back the others', async () => {
    const limits = { perChatIntervalMs: 2000, globalIntervalMs: 1 };
    const [busy] = chats(1);
    const busyAt = (await Promise.all([1, 2, 3].map(() => reserveSendSlot(database.db, busy, limits)))).map(
      (r) => r.slot,
    );
    const others = await Promise.all(chats(2).map((key) => reserveSendSlot(database.db, key, limits)));
    expect(Math.max(...busyAt) - Math.min(...busyAt)).toBeGreaterThanOrEqual(4000);
    for (const other of others) expect(other.slot).toBeLessThan(Math.min(...busyAt) + 2000);
  });

  it("spaces a chat's messages by when they go out, even when the overall queue delays them", async () => {
    const limits = { perChatIntervalMs: 300, globalIntervalMs: 100 };
    // Ten other chats first: the next overall slot is about a second away.
    const others = await reserveInOrder(limits, chats(10));
    const [chat] = chats(1);
    const [first, second] = await reserveInOrder(limits, [chat!, chat!]);
    expect(first! - others[0]!).toBeGreaterThanOrEqual(1000);
    expect(second! - first!).toBeGreaterThanOrEqual(300);
  });

  it('delivers two messages to one chat a chat interval apart even when both waited behind a long overall queue', async () => {
    const limits = { perChatIntervalMs: 400, globalIntervalMs: 100 };
    const api = new Api('123:A', { apiRoot: telegram.apiRoot });
    api.config.use(sendRateLimit(database.db, limits));
    const [busy, ...others] = chats(11).map(Number);
    const queue = others.map((chatId) => api.sendMessage(chatId, 'ahead in line'));
    await new Promise((resolve) => setTimeout(resolve, 200)); // every one of them has its slot
    await Promise.all([...queue, api.sendMessage(busy!, 'first'), api.sendMessage(busy!, 'second')]);
    const arrivals = telegram.calls.filter((c) => c.payload.chat_id === busy).map((c) => c.at);
    expect(arrivals).toHaveLength(2);
    // Slack for timer jitter; sent by their reservations alone, they would be one overall slot apart.
    expect(Math.abs(arrivals[1]! - arrivals[0]!)).toBeGreaterThanOrEqual(300);
  });

  it("leaves the overall slots before a chat's next turn to other chats", async () => {
    const limits = { perChatIntervalMs: 1000, globalIntervalMs: 100 };
    const [busy] = chats(1);
    const [first, second] = await reserveInOrder(limits, [busy!, busy!]);
    expect(second! - first!).toBeGreaterThanOrEqual(1000);
    // The slot right after the busy chat's first message is free for the next chat.
    const [other] = await reserveInOrder(limits, chats(1));
    expect(other! - first!).toBeLessThan(200);
    expect(other).toBeLessThan(second!);
  });

  it('gives the slot of a send abandoned while it waits back to the next one', async () => {
    const limits = { perChatIntervalMs: 1000, globalIntervalMs: 200 };
    const api = new Api('123:A', { apiRoot: telegram.apiRoot });
    api.config.use(sendRateLimit(database.db, limits));
    const queued = await reserveInOrder(limits, chats(5)); // the next overall slot is about a second away
    const chatId = Number(chats(1)[0]);
    const controller = new AbortController();
    // grammY declares its signal parameter with an old polyfill's types; Node's own is what it uses.
    const signal = controller.signal as unknown as Parameters<Api['sendMessage']>[3];
    const abandoned = api.sendMessage(chatId, 'moot by now', {}, signal);
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    await expect(abandoned).rejects.toThrow();
    // The abandoned send's slot, right after the five, is the next one handed out.
    const [next] = await reserveInOrder(limits, chats(1));
    expect(next).toBe(queued.at(-1)! + limits.globalIntervalMs);
    expect(telegram.calls.filter((c) => c.payload.chat_id === chatId)).toEqual([]);
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
