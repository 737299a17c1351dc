import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports application types.

/**
 * The webhook becomes a durable inbox: `updates` keeps each update's raw JSON (`payload`) until it
 * is processed (then it is dropped), when it was processed, and — for one whose processing failed —
 * how often it was tried, why, and when to try again. Rows recorded before this migration were
 * processed in the request that recorded them. Partial indexes: the updates waiting (for a scan of
 * the inbox), and those waiting for a retry (by when). The BRIN index lets the prune find old rows
 * without an index the webhook's inserts would have to keep up.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('updates')
    .addColumn('payload', 'text')
    .addColumn('processed_at', 'timestamptz')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failure', 'text')
    .addColumn('retry_at', 'timestamptz')
    .execute();
  await sql`update updates set processed_at = received_at`.execute(db);
  await db.schema
    .createIndex('updates_unprocessed_idx')
    .on('updates')
    .column('update_id')
    .where(sql.ref('processed_at'), 'is', null)
    .execute();
  await sql`create index updates_retry_idx on updates (retry_at) where processed_at is null and attempts > 0`.execute(
    db,
  );
  await sql`create index updates_received_brin on updates using brin (received_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index updates_received_brin`.execute(db);
  await sql`drop index updates_retry_idx`.execute(db);
  await db.schema.dropIndex('updates_unprocessed_idx').execute();
  await db.schema
    .alterTable('updates')
    .dropColumn('payload')
    .dropColumn('processed_at')
    .dropColumn('attempts')
    .dropColumn('failure')
    .dropColumn('retry_at')
    .execute();
}
