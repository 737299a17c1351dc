import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApi } from '../../api/start-api.ts';
import { connectDatabase } from '../../shared/db/connect.ts';
import { createInProcessQueue } from '../../shared/queue/in-process.ts';
import { startFakeTelegram } from '../support/fake-telegram.ts';
import { testConfig, testLogger } from '../support/test-config.ts';
import { textUpdate } from '../support/updates.ts';

// PostgreSQL that is not there: nothing listens on port 1.
const config = testConfig({
  DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
  TELEGRAM_BOT_TOKEN: '123456:TEST-token',
  TELEGRAM_SECRET_TOKEN: 'secret',
});
const db = connectDatabase(config);
const queue = createInProcessQueue({ concurrency: 1, log: testLogger() });
let telegram: Awaited<ReturnType<typeof startFakeTelegram>>;
let api: Awaited<ReturnType<typeof startApi>>;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  api = await startApi(
    { ...config, telegram: { ...config.telegram, apiRoot: telegram.apiRoot } },
    { db, queue, log: testLogger() },
  );
});
afterAll(async () => {
  await api?.close();
  await queue.close();
  await db.destroy();
  await telegram?.close();
});

it('answers 503 while the database is down, so Telegram delivers the update again', async () => {
  const response = await fetch(`${api.url}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'secret' },
    body: JSON.stringify(textUpdate('a site for a bakery')),
  });
  expect(response.status).toBe(503);
  const body = await response.json();
  expect(body.error).toBe('unavailable');
  expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres/);
});

it('reports not ready while the database is down', async () => {
  const response = await fetch(`${api.url}/ready`);
  expect(response.status).toBe(503);
  expect(await response.json()).toEqual({ status: 'unavailable', database: 'unavailable', queue: 'ok' });
});
