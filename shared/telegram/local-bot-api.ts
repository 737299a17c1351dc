import type { Transformer } from 'grammy';
import type { Message, UserFromGetMe } from 'grammy/types';
import type { Logger } from '../log/index.ts';

/** Stand-in token when no TELEGRAM_BOT_TOKEN is configured (local runs); never sent anywhere. */
export const LOCAL_TOKEN = '0:local';

/** Stand-in identity when no TELEGRAM_BOT_TOKEN is configured (local runs). */
export const LOCAL_BOT_INFO: UserFromGetMe = {
  id: 0,
  is_bot: true,
  first_name: 'AI Orchestrator (local)',
  username: 'local_orchestrator_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

/**
 * Answers the Bot API calls of a process without a bot token, in-process. The api passes the
 * conversation its local chat page shows (api/local-chat/local-chat.ts); a role started without
 * one gets `standInBotApi()`.
 */
export interface LocalBotApi {
  /** The `result` Telegram would send for this call. */
  answer(method: string, payload: Record<string, unknown>): Promise<unknown>;
}

/**
 * A call Telegram would refuse (`ok: false`), e.g. editing a message that was deleted: the caller
 * gets the same GrammyError it would get from Telegram.
 */
export class LocalBotApiRefusal extends Error {
  constructor(
    readonly errorCode: number,
    /** Telegram's wording, e.g. "Bad Request: message to edit not found". */
    readonly description: string,
  ) {
    super(description);
    this.name = 'LocalBotApiRefusal';
  }
}

/**
 * Well-formed answers that keep nothing: a message id for every sent message, the message back for
 * an edit, `true` for the rest. For a role running alone without a token, whose chat messages are
 * only logged (by `answerLocally`).
 */
export function standInBotApi(): LocalBotApi {
  // From the clock, not 1: a job requeued after a restart may edit a message it recorded before.
  let lastMessageId = Date.now();
  return {
    answer(method, payload) {
      if (method === 'getMe') return Promise.resolve(LOCAL_BOT_INFO);
      if (method === 'sendChatAction') return Promise.resolve(true);
      const edit = method.startsWith('edit') && payload.message_id !== undefined;
      if (!edit && !method.startsWith('send') && method !== 'copyMessage' && method !== 'forwardMessage')
        return Promise.resolve(method === 'getChat' ? { id: Number(payload.chat_id), type: 'private' } : true);
      const text = payload.text ?? payload.caption;
      return Promise.resolve({
        message_id: edit ? Number(payload.message_id) : ++lastMessageId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: Number(payload.chat_id), type: 'private' },
        ...(typeof text === 'string' ? { text } : {}),
      } as Message);
    },
  };
}

/**
 * A grammY transformer that answers every Bot API call with `local` when there is no bot to talk
 * through: each call gets a well-formed result, so the pipeline runs exactly as in production, and
 * every message a chat would show is logged.
 */
export function answerLocally(log: Logger, local: LocalBotApi): Transformer {
  return async (_prev, method, payload) => {
    const p = payload as Record<string, unknown>;
    if ('text' in p || 'caption' in p) {
      log.info(
        { method, chatId: p.chat_id, text: p.text ?? p.caption },
        'chat message (local mode: no TELEGRAM_BOT_TOKEN)',
      );
    }
    try {
      return { ok: true, result: await local.answer(method, p) } as never;
    } catch (error) {
      if (!(error instanceof LocalBotApiRefusal)) throw error;
      return { ok: false, error_code: error.errorCode, description: error.description } as never;
    }
  };
}
