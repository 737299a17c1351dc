import { Api } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStatusEdits } from '../../../worker/reply/status-edits.ts';
import { startFakeTelegram } from '../../support/fake-telegram.ts';
import { testLogger } from '../../support/test-config.ts';

const INTERVAL_MS = 200;
let telegram: Awaited<ReturnType<typeof startFakeTelegram>>;
let api: Api;
/** When each edit left this process (arrival times at the fake jitter with the network). */
const sentAt: { chatId: number; at: number }[] = [];

beforeAll(async () => {
  telegram = await startFakeTelegram();
  api = new Api('123:progress-test', { apiRoot: telegram.apiRoot });
  api.config.use((prev, method, payload, signal) => {
    if (method === 'editMessageText')
      sentAt.push({ chatId: Number((payload as { chat_id: number }).chat_id), at: Date.now() });
    return prev(method, payload, signal);
  });
});
afterAll(() => telegram?.close());

const edits = (chatId: number) =>
  telegram.calls.filter((c) => c.method === 'editMessageText' && c.payload.chat_id === chatId);
const sendTimes = (chatId: number) => sentAt.filter((s) => s.chatId === chatId).map((s) => s.at);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const known = (id: number) => async () => id;
let nextChat = 5000;

describe('status message edits', () => {
  it('edits at once, then at most once per interval, always with the newest text', async () => {
    const chatId = nextChat++;
    const status = createStatusEdits(api, { intervalMs: INTERVAL_MS }).start(chatId, known(77), testLogger());
    for (let i = 1; i <= 30; i++) {
      status.show(`step ${i}`);
      await sleep(25);
    }
    await sleep(INTERVAL_MS + 100);
    status.stop();

    const calls = edits(chatId);
    const times = sendTimes(chatId);
    expect(calls[0]!.payload.text).toBe('step 1');
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(calls.length).toBeLessThanOrEqual(6);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(INTERVAL_MS - 2);
    expect(calls.every((c) => c.payload.message_id === 77 && c.payload.parse_mode === 'HTML')).toBe(true);
    // The last edit shows the last state.
    expect(calls.at(-1)!.payload.text).toBe('step 30');
  });

  it('two jobs in one chat share the interval', async () => {
    const chatId = nextChat++;
    const statuses = createStatusEdits(api, { intervalMs: INTERVAL_MS });
    const a = statuses.start(chatId, known(1), testLogger());
    const b = statuses.start(chatId, known(2), testLogger());
    for (let i = 1; i <= 20; i++) {
      a.show(`a ${i}`);
      b.show(`b ${i}`);
      await sleep(25);
    }
    await sleep(INTERVAL_MS + 100);
    a.stop();
    b.stop();
    const times = sendTimes(chatId);
    expect(times.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(INTERVAL_MS - 2);
  });

  it('waits for a status message that is not sent yet, then shows the newest text in it', async () => {
    const chatId = nextChat++;
    let messageId: number | null = null;
    const status = createStatusEdits(api, { intervalMs: INTERVAL_MS }).start(
      chatId,
      async () => messageId,
      testLogger(),
    );
    status.show('generating');
    await sleep(INTERVAL_MS / 2);
    status.show('checking');
    messageId = 91;
    await sleep(INTERVAL_MS * 2);
    status.stop();
    expect(edits(chatId).map((c) => [c.payload.message_id, c.payload.text])).toEqual([[91, 'checking']]);
  });

  it('shows nothing after stop', async () => {
    const chatId = nextChat++;
    const status = createStatusEdits(api, { intervalMs: INTERVAL_MS }).start(chatId, known(5), testLogger());
    status.show('one');
    await sleep(50);
    status.show('two');
    status.stop();
    await sleep(INTERVAL_MS * 2);
    expect(edits(chatId).map((c) => c.payload.text)).toEqual(['one']);
  });

  it('a failed edit is dropped and later text is still shown', async () => {
    const chatId = nextChat++;
    telegram.script('editMessageText', {
      status: 400,
      body: { ok: false, error_code: 400, description: 'Bad Request: message to edit not found' },
    });
    const status = createStatusEdits(api, { intervalMs: 50 }).start(chatId, known(9), testLogger());
    status.show('first');
    await sleep(120);
    status.show('second');
    await sleep(120);
    status.stop();
    expect(edits(chatId).map((c) => [c.status, c.payload.text])).toEqual([
      [400, 'first'],
      [200, 'second'],
    ]);
  });
});
