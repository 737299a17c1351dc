import { Api } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgressReports } from '../../../worker/reply/report-progress.ts';
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
    if (method === 'editMessageText') sentAt.push({ chatId: Number((payload as { chat_id: number }).chat_id), at: Date.now() });
    return prev(method, payload, signal);
  });
});
afterAll(() => telegram?.close());

const edits = (chatId: number) => telegram.calls.filter((c) => c.method === 'editMessageText' && c.payload.chat_id === chatId);
const sendTimes = (chatId: number) => sentAt.filter((s) => s.chatId === chatId).map((s) => s.at);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let nextChat = 5000;

describe('progress reports', () => {
  it('edits the status message at most once per interval, with the newest progress, never right after it was sent', async () => {
    const chatId = nextChat++;
    const report = createProgressReports(api, { intervalMs: INTERVAL_MS }).start(chatId, 77, testLogger());
    const started = Date.now();
    for (let i = 1; i <= 30; i++) {
      report.update({ bytes: i * 1024, sections: i > 10 ? ['Hero', 'Menu'] : ['Hero'] });
      await sleep(25);
    }
    await sleep(INTERVAL_MS + 100);
    report.stop();

    const calls = edits(chatId);
    const times = sendTimes(chatId);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls.length).toBeLessThanOrEqual(5);
    expect(times[0]! - started).toBeGreaterThanOrEqual(INTERVAL_MS - 2);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(INTERVAL_MS - 2);
    expect(calls.every((c) => c.payload.message_id === 77)).toBe(true);
    // The last edit shows the last state.
    expect(calls.at(-1)!.payload.text).toBe('⏳ Building your site… 30 KB written, sections so far: Hero, Menu');
  });

  it('two jobs in one chat share the interval', async () => {
    const chatId = nextChat++;
    const reports = createProgressReports(api, { intervalMs: INTERVAL_MS });
    const a = reports.start(chatId, 1, testLogger());
    const b = reports.start(chatId, 2, testLogger());
    for (let i = 1; i <= 20; i++) {
      a.update({ bytes: i * 1000, sections: [] });
      b.update({ bytes: i * 2000, sections: [] });
      await sleep(25);
    }
    await sleep(INTERVAL_MS);
    a.stop();
    b.stop();
    const times = sendTimes(chatId);
    expect(times.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(INTERVAL_MS - 2);
  });

  it('sends nothing after stop, and nothing without a status message', async () => {
    const chatId = nextChat++;
    const reports = createProgressReports(api, { intervalMs: 50 });
    const stopped = reports.start(chatId, 9, testLogger());
    stopped.update({ bytes: 5000, sections: [] });
    stopped.stop();
    reports.start(chatId, null, testLogger()).update({ bytes: 5000, sections: [] });
    await sleep(150);
    expect(edits(chatId)).toHaveLength(0);
  });

  it('a failed edit is dropped and later progress is still shown', async () => {
    const chatId = nextChat++;
    telegram.script('editMessageText', { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: message to edit not found' } });
    const report = createProgressReports(api, { intervalMs: 50 }).start(chatId, 9, testLogger());
    report.update({ bytes: 1024, sections: [] });
    await sleep(120);
    report.update({ bytes: 4096, sections: ['Prices'] });
    await sleep(120);
    report.stop();
    expect(edits(chatId).map((c) => c.status)).toEqual([400, 200]);
    expect(edits(chatId)[1]!.payload.text).toContain('4 KB written, sections so far: Prices');
  });
});
