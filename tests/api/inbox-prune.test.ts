import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEDUP_WINDOW_HOURS, pruneInbox } from '../../api/inbox/prune-inbox.ts';
import { enqueueJob } from '../../shared/jobs/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

const hoursAgo = (hours: number) => sql<Date>`now() - make_interval(hours => ${hours})`;

describe('pruning the inbox', () => {
  it('removes processed updates past the dedup window, and keeps recent ones, unprocessed ones and those a job was made from', async () => {
    const db = database.db;
    const old = DEDUP_WINDOW_HOURS + 1;
    const row = (updateId: number, receivedHoursAgo: number, processed: boolean) => ({
      update_id: updateId,
      kind: 'message',
      received_at: hoursAgo(receivedHoursAgo),
      processed_at: processed ? hoursAgo(receivedHoursAgo) : null,
      payload: processed ? null : '{"update_id":0}',
    });
    await db
      .insertInto('updates')
      .values([row(1, old, true), row(2, 1, true), row(3, old, false), row(4, old, true)])
      .execute();
    await db.transaction().execute((trx) => enqueueJob(trx, { updateId: 4, chatId: 4, userId: 4, prompt: 'a site' }));

    expect(await pruneInbox(db)).toBe(1);
    const left = await db.selectFrom('updates').select('update_id').orderBy('update_id').execute();
    expect(left.map((r) => r.update_id)).toEqual([2, 3, 4]);
  });
});
