import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApiApp } from '../../api/app.ts';
import { createInboxWriter } from '../../api/inbox/record-updates.ts';
import { connectDatabase } from '../../shared/db/connect.ts';
import { createInProcessQueue } from '../../shared/queue/in-process.ts';
import { TEST_DATABASE_URL } from '../support/services.ts';
import { testConfig, testLogger } from '../support/test-config.ts';

const config = testConfig({ DATABASE_URL: TEST_DATABASE_URL });
const db = connectDatabase(config);
const queue = createInProcessQueue({ concurrency: 1, log: testLogger() });
let shuttingDown = false;
let app: Awaited<ReturnType<typeof buildApiApp>>;

beforeAll(async () => {
  app = await buildApiApp({
    db,
    queue,
    inbox: createInboxWriter({ db }),
    log: testLogger(),
    secretToken: undefined,
    isShuttingDown: () => shuttingDown,
  });
});
afterAll(async () => {
  await app?.close();
  await queue.close();
  await db.destroy();
});

it('answers /ready with 503 as soon as shutdown begins, while /health still answers 200', async () => {
  expect((await app.inject('/ready')).statusCode).toBe(200);
  shuttingDown = true;
  const ready = await app.inject('/ready');
  expect(ready.statusCode).toBe(503);
  expect(ready.json()).toEqual({ status: 'shutting down' });
  expect((await app.inject('/health')).statusCode).toBe(200);
});
