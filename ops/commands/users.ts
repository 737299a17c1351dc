import { sql, type Kysely } from 'kysely';
import type { Database } from '../../shared/db/schema.ts';

const userColumns = [
  'user_id as userId',
  'banned_at as bannedAt',
  'banned_reason as bannedReason',
  'updated_at as updatedAt',
] as const;

/**
 * From the next message on, the bot answers this user with a short refusal and makes no job
 * (api/bot/refuse-banned-users.ts). Blocking again keeps the first time and updates the reason.
 */
export async function blockUser(db: Kysely<Database>, userId: number, reason: string | undefined) {
  return db
    .insertInto('users')
    .values({ user_id: userId, banned_at: sql<Date>`now()`, banned_reason: reason ?? null })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({
        banned_at: sql<Date>`coalesce(users.banned_at, now())`,
        banned_reason: reason ?? null,
        updated_at: sql<Date>`now()`,
      }),
    )
    .returning(userColumns)
    .executeTakeFirstOrThrow();
}

/** Lifts a block; a user who was never blocked is left as they are. */
export async function unblockUser(db: Kysely<Database>, userId: number) {
  const row = await db
    .updateTable('users')
    .set({ banned_at: null, banned_reason: null, updated_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .returning(userColumns)
    .executeTakeFirst();
  return row ?? { userId, bannedAt: null, bannedReason: null, updatedAt: null };
}
