import type { Api, Context } from 'grammy';
import type { Kysely } from 'kysely';
import type { Config } from '../../shared/config/index.ts';
import type { Database } from '../../shared/db/schema.ts';
import type { PreviewHostMode, PreviewStorage } from '../../shared/previews/index.ts';
import { wordsFor, type Words } from '../../shared/telegram/words/index.ts';
import type { BackgroundTasks } from '../background-tasks.ts';
import type { TransactionFlavor } from '../dedup/record-update.ts';

export type BotContext = Context & TransactionFlavor;

/** What the bot's handlers need besides the update. */
export interface BotDeps {
  db: Kysely<Database>;
  /**
   * The Bot API client for calls made after the webhook answered (acknowledgements, downloads,
   * status edits): spaced to Telegram's limits and retried, unlike the webhook's own replies.
   */
  telegram: Api;
  background: BackgroundTasks;
  maxPromptChars: number;
  quotas: Config['quotas'];
  /** Links to previews, and the storage the .zip downloads are read from. */
  preview: { baseUrl: string; hostMode: PreviewHostMode; storage: PreviewStorage };
}

/** The words in the language of the user behind this update. */
export function wordsOf(ctx: Context): Words {
  return wordsFor(ctx.from?.language_code);
}

/** Answers in HTML; in groups as a reply to the message that asked, so everyone sees whose answer it is. */
export function replyHtml(ctx: Context, text: string) {
  const replyTo =
    ctx.chat?.type !== 'private' && ctx.msg?.message_id !== undefined
      ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } }
      : {};
  return ctx.reply(text, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...replyTo });
}
