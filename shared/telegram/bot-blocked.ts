import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * Marks (or clears) a user who blocked the bot: learnt from `my_chat_member` or from a 403 on
 * sending. Marked users are not messaged again until they unblock it.
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

/**
 * "May I message this chat?" as an SQL expression over a chat id column, so the statement that
 * takes a job (or its final message) answers it too, without a read of its own: true when the chat
 * is a private chat whose user blocked the bot (a group's id is negative and has no users row).
 */
export function botBlockedIn(chatIdColumn: string): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from users where users.user_id = ${sql.ref(chatIdColumn)} and users.bot_blocked_at is not null)`;
}
