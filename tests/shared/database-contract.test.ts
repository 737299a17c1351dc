import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../shared/db/connect.ts';
import { migrateToLatest } from '../../shared/db/migrate.ts';
import type { Database } from '../../shared/db/schema.ts';
import { createTestDatabase } from '../support/test-database.ts';

interface Opened {
  db: Kysely<Database>;
  close(): Promise<void>;
}

/** PostgreSQL (pg) and embedded PGlite must behave the same for what the app relies on. */
const dialects: Array<{ name: string; open(): Promise<Opened> }> = [
  {
    name: 'postgresql',
    async open() {
      const database = await createTestDatabase();
      return { db: database.db, close: () => database.drop() };
    },
  },
  {
    name: 'pglite',
    async open() {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'ao-pglite-'));
      const db = connectDatabase({ databaseUrl: undefined, dataDir });
      await migrateToLatest(db);
      return {
        db,
        async close() {
          await db.destroy();
          await rm(dataDir, { recursive: true, force: true });
        },
      };
    },
  },
];

describe.each(dialects)('$name database', (dialect) => {
  let opened: Opened;
  beforeAll(async () => {
    opened = await dialect.open();
  });
  afterAll(() => opened?.close());

  it('keeps every row committed by 50 concurrent transactions', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => 1_000_000 + i);
    await Promise.all(
      ids.map((id) =>
        opened.db.transaction().execute(async (trx) => {
          await trx.insertInto('updates').values({ update_id: id, kind: 'message' }).execute();
          await trx
            .insertInto('jobs')
            .values({ update_id: id, chat_id: id, prompt: `site ${id}` })
            .execute();
        }),
      ),
    );
    const rows = await opened.db.selectFrom('jobs').select('update_id').where('update_id', 'in', ids).execute();
    expect(rows).toHaveLength(50);
  });

  it('lets exactly one of 20 concurrent inserts of the same update id through', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        opened.db
          .insertInto('updates')
          .values({ update_id: 77, kind: 'message' })
          .onConflict((oc) => oc.column('update_id').doNothing())
          .returning('update_id')
          .executeTakeFirst(),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('reports how many rows an update changed', async () => {
    const result = await opened.db
      .updateTable('jobs')
      .set({ error: 'x' })
      .where('update_id', '>=', 1_000_000)
      .where('update_id', '<', 1_000_010)
      .executeTakeFirst();
    expect(result.numUpdatedRows).toBe(10n);
  });

  it('rolls back a failed transaction completely', async () => {
    await expect(
      opened.db.transaction().execute(async (trx) => {
        await trx.insertInto('updates').values({ update_id: 555, kind: 'message' }).execute();
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(
      await opened.db.selectFrom('updates').select('update_id').where('update_id', '=', 555).execute(),
    ).toHaveLength(0);
  });

  it('returns int8 ids as numbers, exactly, up to 52 bits', async () => {
    const big = 2 ** 52 - 1;
    await opened.db.insertInto('updates').values({ update_id: big, kind: 'message' }).execute();
    const row = await opened.db
      .selectFrom('updates')
      .select('update_id')
      .where('update_id', '=', big)
      .executeTakeFirstOrThrow();
    expect(row.update_id).toBe(big);
  });

  it('keeps an attempt cost (numeric) exact, read back as a decimal string', async () => {
    const job = await opened.db
      .insertInto('jobs')
      .values({ chat_id: 1, prompt: 'cost' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await opened.db
      .insertInto('job_attempts')
      .values({
        job_id: job.id,
        attempt: 1,
        outcome: 'succeeded',
        provider: 'openai',
        model: 'gpt-4o-mini',
        input_tokens: 120,
        output_tokens: 480,
        cost_usd: 0.000306,
        duration_ms: 5,
        started_at: new Date(),
      })
      .execute();
    const row = await opened.db
      .selectFrom('job_attempts')
      .select(['cost_usd', 'input_tokens'])
      .where('job_id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ cost_usd: '0.00030600', input_tokens: 120 });
  });
});
