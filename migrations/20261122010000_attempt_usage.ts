import type { Kysely } from 'kysely';

// Frozen in time: a migration never imports application types.

/**
 * Usage and cost per provider call (job_attempts gets one row per call, so failover shows every
 * try), and which provider served each job. All nullable: failed calls record only what is known,
 * and rows written before this migration know none of it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('job_attempts')
    .addColumn('model', 'text')
    .addColumn('input_tokens', 'integer')
    .addColumn('output_tokens', 'integer')
    .addColumn('cost_usd', 'numeric(14, 8)')
    .execute();
  await db.schema.alterTable('jobs').addColumn('provider', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('jobs').dropColumn('provider').execute();
  await db.schema
    .alterTable('job_attempts')
    .dropColumn('model')
    .dropColumn('input_tokens')
    .dropColumn('output_tokens')
    .dropColumn('cost_usd')
    .execute();
}
