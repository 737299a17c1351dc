import type { Kysely } from 'kysely';

// Frozen in time: a migration never imports application types.

/**
 * Each chat's actions (messages to the bot, button taps) in its current one-minute window, for the
 * per-chat limit (CHAT_ACTIONS_PER_MINUTE): one row per chat, rewritten as windows pass.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('chat_actions')
    .addColumn('chat_id', 'bigint', (c) => c.primaryKey())
    .addColumn('window_started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('actions', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('chat_actions').execute();
}
