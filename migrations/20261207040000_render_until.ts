import type { Kysely } from 'kysely';

// Frozen in time: a migration never imports application types.

/**
 * `jobs.render_until`: set when a finished job's final message was handed to the renderer (a picture
 * of the page with the link). Until then the link waits for the picture; after it, whoever holds
 * the job's message next sends the link alone, so a renderer that died never leaves a user without
 * an answer. Null: nothing was handed over (the link goes at once, as without a renderer).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('jobs').addColumn('render_until', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('jobs').dropColumn('render_until').execute();
}
