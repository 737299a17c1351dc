import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../api/start-api.ts';
import { createInProcessQueue } from '../../shared/queue/in-process.ts';
import { testConfig, testLogger } from '../support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { until } from '../support/until.ts';

let database: TestDatabase;
let api: Awaited<ReturnType<typeof startApi>>;
const queue = createInProcessQueue({ concurrency: 1, log: testLogger() });

beforeAll(async () => {
  database = await createTestDatabase();
  // What the inbox may hold from before update ids were bounded, or from a forged update: the
  // largest id a JS number holds exactly, and the largest Telegram sends.
  await database.db
    .insertInto('updates')
    .values([2 ** 53 - 1, 2 ** 31 - 1].map((id) => ({ update_id: id, kind: 'message', processed_at: new Date() })))
    .execute();
  api = await startApi(testConfig({ DATABASE_URL: database.url }), { db: database.db, queue, log: testLogger() });
});
afterAll(async () => {
  await api?.close();
  await queue.close();
  await database?.drop();
});

const say = (text: string) =>
  fetch(new URL('/chat/messages', api.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
const jobsOfTheLocalUser = async () =>
  (await database.db.selectFrom('jobs').select('prompt').where('chat_id', '=', 1).orderBy('created_at').execute()).map(
    (job) => job.prompt,
  );

describe('the local chat page, whatever update ids the inbox holds', () => {
  it('keeps turning what the user writes into updates the bot handles, even after the largest ids are taken', async () => {
    const first = await say('a site for a bakery');
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ delivered: true });
    const second = await say('a site for a florist');
    expect(second.status).toBe(200);
    await until(async () => (await jobsOfTheLocalUser()).length === 2, 20_000);
    expect(await jobsOfTheLocalUser()).toEqual(['a site for a bakery', 'a site for a florist']);
    const ids = await database.db.selectFrom('jobs').select('update_id').where('chat_id', '=', 1).execute();
    expect(ids.every((job) => job.update_id !== null && job.update_id >= 1 && job.update_id < 2 ** 31)).toBe(true);
  });
});
