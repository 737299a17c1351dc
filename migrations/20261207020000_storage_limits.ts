import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports application types.

/**
 * For the storage limits (PREVIEW_MAX_VERSIONS, QUOTA_RESTORES_PER_HOUR, QUOTA_STORAGE_MB):
 * - `preview_versions.bytes`: a version's files together. Null for versions published before this
 *   migration: their files are in the preview storage, which a migration cannot reach, so the
 *   worker's sweep measures them (the backfill) on its next run.
 * - `jobs.regenerate`: the job asks an earlier request again (the Regenerate button); regenerations
 *   count against QUOTA_RESTORES_PER_HOUR with restores. Earlier jobs were not marked: false.
 * - An index to find a user's recent restores and regenerations.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('preview_versions').addColumn('bytes', 'bigint').execute();
  await db.schema
    .alterTable('jobs')
    .addColumn('regenerate', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await sql`create index jobs_user_restores_idx on jobs (user_id, created_at) where kind = 'restore' or regenerate`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists jobs_user_restores_idx`.execute(db);
  await db.schema.alterTable('jobs').dropColumn('regenerate').execute();
  await db.schema.alterTable('preview_versions').dropColumn('bytes').execute();
}
