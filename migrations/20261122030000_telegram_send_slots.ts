import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports application types.

/** Next free send time per rate-limit key ('global', 'chat:<id>'), shared by every worker. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('telegram_send_slots')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('next_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('telegram_send_slots').execute();
}
