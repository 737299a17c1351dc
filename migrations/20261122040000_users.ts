import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports application types.

/**
 * One row per Telegram user an operator acted on (and, later, per user the bot learns about).
 * `banned_at` set: the api creates no job for this user's messages (ops CLI `user block`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('user_id', 'bigint', (c) => c.primaryKey())
    .addColumn('banned_at', 'timestamptz')
    .addColumn('banned_reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('users').execute();
}
