import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * Marks (or clears) a user who blocked the bot: learnt from `my_chat_member` or from a 403 on
 * sending. Marked users are not messaged again until they write to the bot or unblock it.
 */
export async function markBotBlocked(db: Kysely<Database>, userId: number, blocked: boolean): Promise<void> {
  await db
    .insertInto('users')
    .values({ user_id: userId, bot_blocked_at: blocked ? sql<Date>`now()` : null })
    .onConflict((oc) =>
      oc
        .column('user_id')
        .doUpdateSet({ bot_blocked_at: blocked ? sql<Date>`now()` : null, updated_at: sql<Date>`now()` }),
    )
    .execute();
}

/** True when `chatId` is a private chat whose user blocked the bot (groups have negative ids). */
export async function isBotBlocked(db: Kysely<Database>, chatId: number): Promise<boolean> {
  if (chatId < 0) return false;
  const row = await db
    .selectFrom('users')
    .select('user_id')
    .where('user_id', '=', chatId)
    .where('bot_blocked_at', 'is not', null)
    .executeTakeFirst();
  return row !== undefined;
}
