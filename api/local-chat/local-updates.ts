import { sql, type Kysely } from 'kysely';
import type { Update, User } from 'grammy/types';
import type { Database } from '../../shared/db/schema.ts';
import type { LocalChat } from './local-chat.ts';

/** The person at the chat page: one user in a private chat with the bot (chat id = user id, as Telegram does). */
export const LOCAL_USER: User = { id: 1, is_bot: false, first_name: 'You' };

/**
 * Telegram updates as Telegram would send them for what the local user does on the chat page. Each
 * gets a fresh update_id above every id already recorded (the dedup table outlives the process, and
 * a reused id would be dropped as a redelivery); messages are recorded in the conversation first.
 */
export function createLocalUpdates(chat: LocalChat, db: Kysely<Database>) {
  let lastUpdateId: number | undefined;
  async function nextUpdateId(): Promise<number> {
    const recorded = lastUpdateId === undefined ? await highestRecordedUpdateId(db) : 0;
    lastUpdateId = Math.max(lastUpdateId ?? 0, recorded) + 1;
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

async function highestRecordedUpdateId(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('updates')
    .select(sql<string>`coalesce(max(update_id), 0)::text`.as('highest'))
    .executeTakeFirstOrThrow();
  return Number(row.highest);
}
