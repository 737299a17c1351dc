import type { Api, Context } from 'grammy';
import type { Transaction } from 'kysely';
import type { Config } from '../../shared/config/index.ts';
import type { Database } from '../../shared/db/schema.ts';
import type { JobRequest } from '../../shared/jobs/index.ts';
import type { PreviewHostMode, PreviewStorage } from '../../shared/previews/index.ts';
import type { Words } from '../../shared/telegram/words/index.ts';
import type { BatchReads } from './batch-reads.ts';
import type { ChatAdmins } from './chat-admins.ts';

/**
 * What the inbox processor gives each update it runs through the bot: the batch's reads, its
 * transaction, and where the update's jobs and after-commit work go. Nothing an update does leaves
 * the process before its batch committed — its Bot API calls are recorded and sent afterwards.
 */
export interface UpdateScope {
  /** Loaded for the whole batch before any handler ran. */
  batch: BatchReads;
  /**
   * The batch's transaction, once the jobs earlier updates of the batch (and this one) asked for
   * are written: for the reads and writes of rare paths (/cancel, /sites, buttons…). Everything
   * commits together, or the batch is handled again update by update.
   */
  transaction: () => Promise<Transaction<Database>>;
  /** A new job, written with the batch's others and acknowledged in chat after the commit. */
  enqueueJob: (request: JobRequest) => void;
  /** Runs `effect` after the commit (never if it rolled back), in this chat's line of background work. */
  afterCommit: (effect: () => Promise<unknown>, logBindings?: Record<string, unknown>) => void;
  /** A Bot API call a handler made (a reply, an answer to a tap): sent after the commit, in order. */
  recordCall: (method: string, payload: Record<string, unknown>) => void;
}

/**
 * Context flavor: the update's scope in its batch, the words of the user behind it and who acts
 * (see actorOf), each resolved once.
 */
export type BotContext = Context &
  Omit<UpdateScope, 'recordCall'> & {
    words: Words;
    /** Who the update counts as: the user, or the group or channel a message was sent as. */
    actor: number | undefined;
  };

/** What the bot's handlers need besides the update. */
export interface BotDeps {
  /**
   * The Bot API client for work done after the commit (downloads, status edits): spaced to
   * Telegram's limits and retried.
   */
  telegram: Api;
  maxPromptChars: number;
  quotas: Config['quotas'];
  /** Links to previews, and the storage the .zip downloads are read from. */
  preview: { baseUrl: string; hostMode: PreviewHostMode; storage: PreviewStorage };
  /** Who administers a group (a group's admins may change any site made in it). */
  chatAdmins: ChatAdmins;
}

/** Answers in HTML; in groups as a reply to the message that asked, so everyone sees whose answer it is. */
export function replyHtml(ctx: Context, text: string) {
  const replyTo =
    ctx.chat?.type !== 'private' && ctx.msg?.message_id !== undefined
      ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } }
      : {};
  return ctx.reply(text, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...replyTo });
}
