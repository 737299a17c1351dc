import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInboxWriter, type Delivery, type InboxUpdate } from '../../api/inbox/record-updates.ts';
import { inboxWriteUpdates } from '../../api/metrics/api-metrics.ts';
import { connectDatabase } from '../../shared/db/connect.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let nextId = 100_000;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

const update = (updateId = nextId++): InboxUpdate => ({
  updateId,
  kind: 'message',
  payload: JSON.stringify({ update_id: updateId, message: { text: 'a site' } }),
});
const recorded = async (ids: number[]) =>
  (await database.db.selectFrom('updates').select('update_id').where('update_id', 'in', ids).execute()).length;
const commits = async () => (await inboxWriteUpdates.get()).values.find((v) => v.metricName?.endsWith('_count'))!.value;

describe('the inbox group commit', () => {
  it('writes the updates handed over together in one INSERT; each caller learns whether it was first', async () => {
    const inbox = createInboxWriter({ db: database.db });
    const updates = Array.from({ length: 10 }, () => update());
    const before = await commits();
    const results = await Promise.all([...updates, updates[0]!, updates[3]!].map((u) => inbox.record(u)));
    expect(results).toEqual([...Array<Delivery>(10).fill('first'), 'duplicate', 'duplicate']);
    expect(await commits()).toBe(before + 1);
    expect(await recorded(updates.map((u) => u.updateId))).toBe(10);
    await inbox.close();
  });

  it('rejects every caller of a batch that fails and writes nothing of it', async () => {
    const inbox = createInboxWriter({ db: database.db });
    const updates = Array.from({ length: 10 }, () => update());
    const poisoned = updates[7]!.updateId;
    await sql`create function refuse_update() returns trigger language plpgsql as $$ begin raise exception 'disk full'; end $$`.execute(
      database.db,
    );
    await sql`create trigger refuse_update before insert on updates for each row when (new.update_id = ${sql.lit(poisoned)}) execute function refuse_update()`.execute(
      database.db,
    );
    try {
      const results = await Promise.allSettled(updates.map((u) => inbox.record(u)));
      expect(results.map((r) => r.status)).toEqual(Array(10).fill('rejected'));
      expect(await recorded(updates.map((u) => u.updateId))).toBe(0);
    } finally {
      await sql`drop trigger refuse_update on updates`.execute(database.db);
      await sql`drop function refuse_update()`.execute(database.db);
    }
    // Delivered again, they are written.
    expect(await Promise.all(updates.map((u) => inbox.record(u)))).toEqual(Array(10).fill('first'));
    await inbox.close();
  });

  it('never leaves a repeat waiting: one that arrives as its batch fails goes into the next batch', async () => {
    const inbox = createInboxWriter({ db: database.db });
    const once = update();
    await sql`create function refuse_update() returns trigger language plpgsql as $$ begin raise exception 'disk full'; end $$`.execute(
      database.db,
    );
    await sql`create trigger refuse_update before insert on updates for each row when (new.update_id = ${sql.lit(once.updateId)}) execute function refuse_update()`.execute(
      database.db,
    );
    try {
      // Telegram's retry of a 5xx, arriving the moment the first delivery failed.
      const retried = await inbox.record(once).catch(() => inbox.record(once).catch(() => 'failed again'));
      expect(retried).toBe('failed again');
    } finally {
      await sql`drop trigger refuse_update on updates`.execute(database.db);
      await sql`drop function refuse_update()`.execute(database.db);
    }
    await inbox.close();
  });

  it('answers a repeat of an update it committed without asking the database', async () => {
    const db = connectDatabase({ databaseUrl: database.url, dataDir: '' });
    const inbox = createInboxWriter({ db });
    const once = update();
    expect(await inbox.record(once)).toBe('first');
    await db.destroy();
    expect(await inbox.record(once)).toBe('duplicate');
    await expect(inbox.record(update())).rejects.toThrow();
  });

  it('loses nothing at batch boundaries: every copy of every update, arriving in any order across many small batches, is answered, and each update is written once', async () => {
    const inbox = createInboxWriter({ db: database.db, maxBatch: 16, maxWritesInFlight: 2 });
    const updates = Array.from({ length: 300 }, () => update());
    // Three copies each, shuffled, handed over in bursts of random size: copies land in the same
    // batch, in a batch being written, and in later batches.
    const copies = [...updates, ...updates, ...updates].sort(() => Math.random() - 0.5);
    const answers: Promise<Delivery>[] = [];
    for (let i = 0; i < copies.length;) {
      const burst = 1 + Math.floor(Math.random() * 40);
      for (const copy of copies.slice(i, i + burst)) answers.push(inbox.record(copy));
      i += burst;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const results = await Promise.all(answers);
    expect(results.filter((r) => r === 'first')).toHaveLength(300);
    expect(results.filter((r) => r === 'duplicate')).toHaveLength(600);
    const firsts = new Set(copies.filter((_, i) => results[i] === 'first').map((u) => u.updateId));
    expect(firsts.size).toBe(300);
    expect(await recorded(updates.map((u) => u.updateId))).toBe(300);
    await inbox.close();
  });
});
