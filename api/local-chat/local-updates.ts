import { sql, type Kysely } from 'kysely';
import type { Update, User } from 'grammy/types';
import type { Database } from '../../shared/db/schema.ts';
import type { LocalChat } from './local-chat.ts';
import { MAX_UPDATE_ID } from '../webhook/read-update.ts';

/** The person at the chat page: one user in a private chat with the bot (chat id = user id, as Telegram does). */
export const LOCAL_USER: User = { id: 1, is_bot: false, first_name: 'You' };

/**
 * Telegram updates as Telegram would send them for what the local user does on the chat page. Each
 * gets an update_id no recorded update has (the inbox outlives the process, and a reused id would
 * be dropped as a redelivery): above the highest valid one recorded, or — once that reaches the
 * largest id Telegram sends — the lowest free one. Whatever ids the inbox holds, even ones no
 * longer accepted (recorded before update ids were bounded), the page keeps working. Messages are
 * recorded in the conversation first.
 */
export function createLocalUpdates(chat: LocalChat, db: Kysely<Database>) {
  let lastUpdateId: number | undefined;
  async function nextUpdateId(): Promise<number> {
    if (lastUpdateId !== undefined && lastUpdateId < MAX_UPDATE_ID) return ++lastUpdateId;
    lastUpdateId = await freeUpdateId(db);
    return lastUpdateId;
  }
  const from = (languageCode: string | undefined): User => ({
    ...LOCAL_USER,
    ...(languageCode ? { language_code: languageCode } : {}),
  });

  return {
    /** The user wrote `text`, maybe as a reply to an earlier message. */
    async message(text: string, options: { replyTo?: number; languageCode?: string } = {}): Promise<Update> {
      const replied = options.replyTo === undefined ? undefined : chat.message(LOCAL_USER.id, options.replyTo);
      const command = /^\/\S+/.exec(text);
      const message = {
        message_id: chat.nextMessageId(),
        date: Math.floor(Date.now() / 1000),
        chat: { id: LOCAL_USER.id, type: 'private', first_name: LOCAL_USER.first_name },
        from: from(options.languageCode),
        text,
        // Telegram marks a leading /command with an entity; grammY's command matching relies on it.
        ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
        ...(replied ? { reply_to_message: replied } : {}),
      } as NonNullable<Update['message']>;
      chat.userSaid(message);
      return { update_id: await nextUpdateId(), message };
    },

    /** The user pressed the inline button carrying `data` under message `messageId`; undefined if there is no such message. */
    async buttonPress(
      messageId: number,
      data: string,
      options: { languageCode?: string } = {},
    ): Promise<Update | undefined> {
      const message = chat.message(LOCAL_USER.id, messageId);
      if (!message) return undefined;
      return {
        update_id: await nextUpdateId(),
        callback_query: {
          id: chat.newCallbackQueryId(LOCAL_USER.id),
          from: from(options.languageCode),
          message,
          chat_instance: 'local',
          data,
        },
      };
    },
  };
}

/** One above the highest valid id recorded, or the lowest free valid id when that is taken by the largest. */
async function freeUpdateId(db: Kysely<Database>): Promise<number> {
  const { highest } = await db
    .selectFrom('updates')
    .select(sql<string>`coalesce(max(update_id), 0)::text`.as('highest'))
    .where('update_id', '<=', MAX_UPDATE_ID)
    .executeTakeFirstOrThrow();
  if (Number(highest) < MAX_UPDATE_ID) return Number(highest) + 1;
  const gap = await sql<{ free: string }>`
    select (coalesce(min(update_id), 0) + 1)::text as free from (
      select 0::bigint as update_id
      union all
      select update_id from updates where update_id < ${MAX_UPDATE_ID}
    ) taken
    where not exists (select 1 from updates next where next.update_id = taken.update_id + 1)`.execute(db);
  return Number(gap.rows[0]!.free);
}
