import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports application types.

/** The user Telegram sends every anonymous group admin as (with `sender_chat` = the group). */
const GROUP_ANONYMOUS_BOT = 1087968824;

/**
 * Jobs now belong to whoever acts (issue 14): the group itself for an anonymous admin, not the one
 * user Telegram sends all anonymous admins of all groups as. An anonymous admin's `sender_chat` is
 * always the group the message is in, so the jobs recorded before get their group as author; their
 * quotas and /usage stop being shared across groups. (Channel posts, sent as Channel_Bot, cannot
 * be told apart afterwards: the channel is not recorded, so those jobs keep that author, which no
 * one acts as any more — only the group's admins may change their sites.)
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update jobs set user_id = chat_id where user_id = ${GROUP_ANONYMOUS_BOT} and chat_id < 0`.execute(db);
}

/** Before, a group's job with the group as author could only come from an anonymous admin. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update jobs set user_id = ${GROUP_ANONYMOUS_BOT} where user_id = chat_id and chat_id < 0`.execute(db);
}
