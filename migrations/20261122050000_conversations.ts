import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports application types.

/**
 * What the conversation needs (issue #5):
 * - jobs know what they do (`kind`: a new site, a revision of a version, or a restore of one), the
 *   site they change (`preview_id`, set up front for revisions and restores), the version they
 *   start from (`base_version`) and the one they produced (`version`), the user's language, the
 *   message that asked (to answer it in groups), and a cancellation request; `cancelled` is a status.
 * - every preview has numbered versions (`preview_versions`); `previews.latest_version` is the newest.
 * - users who blocked the bot are marked (`bot_blocked_at`) and not messaged again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('jobs')
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .defaultTo('create')
        .check(sql`kind in ('create', 'revise', 'restore')`),
    )
    .addColumn('base_version', 'integer')
    .addColumn('version', 'integer')
    .addColumn('language_code', 'text')
    .addColumn('request_message_id', 'bigint')
    .addColumn('cancel_requested_at', 'timestamptz')
    .execute();
  await sql`alter table jobs drop constraint jobs_status_check`.execute(db);
  await sql`alter table jobs add constraint jobs_status_check check (status in ('queued', 'running', 'done', 'failed', 'cancelled'))`.execute(
    db,
  );
  // Quotas count a user's recent jobs; replies find the job behind a result message.
  await db.schema.createIndex('jobs_user_created_idx').on('jobs').columns(['user_id', 'created_at']).execute();
  await db.schema
    .createIndex('jobs_chat_result_message_idx')
    .on('jobs')
    .columns(['chat_id', 'result_message_id'])
    .execute();

  await db.schema
    .alterTable('previews')
    .addColumn('latest_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('preview_versions')
    .addColumn('preview_id', 'text', (c) => c.notNull().references('previews.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('job_id', 'uuid', (c) => c.notNull().references('jobs.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    /** Set when this version is a copy of an earlier one (a restore). */
    .addColumn('restored_from', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('preview_versions_pkey', ['preview_id', 'version'])
    .execute();
  await sql`
    insert into preview_versions (preview_id, version, job_id, title, summary, created_at)
    select id, 1, job_id, title, summary, created_at from previews
  `.execute(db);
  await sql`update jobs set version = 1 where preview_id is not null and status = 'done'`.execute(db);

  await db.schema.alterTable('users').addColumn('bot_blocked_at', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('bot_blocked_at').execute();
  await db.schema.dropTable('preview_versions').execute();
  await db.schema.alterTable('previews').dropColumn('latest_version').dropColumn('updated_at').execute();
  await db.schema.dropIndex('jobs_chat_result_message_idx').execute();
  await db.schema.dropIndex('jobs_user_created_idx').execute();
  await sql`delete from jobs where status = 'cancelled'`.execute(db);
  await sql`alter table jobs drop constraint jobs_status_check`.execute(db);
  await sql`alter table jobs add constraint jobs_status_check check (status in ('queued', 'running', 'done', 'failed'))`.execute(
    db,
  );
  await db.schema
    .alterTable('jobs')
    .dropColumn('kind')
    .dropColumn('base_version')
    .dropColumn('version')
    .dropColumn('language_code')
    .dropColumn('request_message_id')
    .dropColumn('cancel_requested_at')
    .execute();
}
