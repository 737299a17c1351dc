import { afterAll, beforeAll, expect, it } from 'vitest';
import { metricsRegistry } from '../../shared/metrics/index.ts';
import { createTelegramApi } from '../../shared/telegram/index.ts';
import { startFakeTelegram } from '../support/fake-telegram.ts';
import { testConfig, testLogger } from '../support/test-config.ts';
import { parseExposition, type Scrape } from './scrape.ts';

let telegram: Awaited<ReturnType<typeof startFakeTelegram>>;

beforeAll(async () => {
  telegram = await startFakeTelegram();
});

afterAll(() => telegram?.close());

const botEnv = { TELEGRAM_BOT_TOKEN: '123456:METRICS-token', TELEGRAM_SECRET_TOKEN: 'metrics-secret' };
const api = (apiRoot = telegram.apiRoot) =>
  createTelegramApi(testConfig({ ...botEnv, TELEGRAM_API_ROOT: apiRoot }), testLogger());
const read = async (): Promise<Scrape> => parseExposition(await metricsRegistry.metrics());
const grew = (before: Scrape, after: Scrape, name: string, labels: Record<string, string>) =>
  (after.value(name, labels) ?? 0) - (before.value(name, labels) ?? 0);

it('counts a 429 from the Bot API, the retry auto-retry made after it, and the retry’s success', async () => {
  telegram.script('sendMessage', {
    status: 429,
    body: {
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    },
  });
  const before = await read();
  await api().sendMessage(42, 'hello');
  const after = await read();

  expect(
    grew(before, after, 'orchestrator_telegram_api_requests_total', { method: 'sendMessage', result: '429' }),
  ).toBe(1);
  expect(grew(before, after, 'orchestrator_telegram_api_requests_total', { method: 'sendMessage', result: 'ok' })).toBe(
    1,
  );
  expect(grew(before, after, 'orchestrator_telegram_api_retries_total', { method: 'sendMessage' })).toBe(1);
});

it('counts a refused call under its error code, without a retry', async () => {
  telegram.script('sendMessage', {
    status: 403,
    body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' },
  });
  const before = await read();
  await expect(api().sendMessage(42, 'hello')).rejects.toThrow(/blocked/);
  const after = await read();

  expect(
    grew(before, after, 'orchestrator_telegram_api_requests_total', { method: 'sendMessage', result: '403' }),
  ).toBe(1);
  expect(grew(before, after, 'orchestrator_telegram_api_retries_total', { method: 'sendMessage' })).toBe(0);
});

it('counts two calls with equal payloads as two calls, not a retry', async () => {
  const before = await read();
  const client = api();
  await client.sendMessage(42, 'same words');
  await client.sendMessage(42, 'same words');
  const after = await read();

  expect(grew(before, after, 'orchestrator_telegram_api_requests_total', { method: 'sendMessage', result: 'ok' })).toBe(
    2,
  );
  expect(grew(before, after, 'orchestrator_telegram_api_retries_total', { method: 'sendMessage' })).toBe(0);
});

it('counts a request the Bot API never answered under result "network"', async () => {
  const down = api('http://127.0.0.1:9');
  const before = await read();
  const abort = new AbortController();
  // auto-retry retries network errors without end (3 s, 6 s, … apart): abort in the first back-off.
  const call = down.getMe(abort.signal as Parameters<typeof down.getMe>[0]);
  setTimeout(() => abort.abort(), 500);
  await expect(call).rejects.toThrow();
  const after = await read();

  expect(grew(before, after, 'orchestrator_telegram_api_requests_total', { method: 'getMe', result: 'network' })).toBe(
    1,
  );
});
