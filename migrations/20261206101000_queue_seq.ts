import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports application types.

/**
 * Jobs are numbered in the order they were queued (`queue_seq`), so a job's place in line is its
 * number minus the oldest queued job's — one read through a partial index on the queued jobs,
 * instead of counting every queued job older than it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('jobs').addColumn('queue_seq', 'bigserial').execute();
  await db.schema
    .createIndex('jobs_queued_seq_idx')
    .on('jobs')
    .column('queue_seq')
    .where(sql.ref('status'), '=', 'queued')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('jobs_queued_seq_idx').execute();
  await db.schema.alterTable('jobs').dropColumn('queue_seq').execute();
}
