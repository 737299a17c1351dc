import { GrammyError, InlineKeyboard, InputFile, type Api } from 'grammy';
import type { Kysely } from 'kysely';
import type { Database, Job } from '../db/schema.ts';
import type { Logger } from '../log/index.ts';
import { claimReply, recordReplySent, releaseReply, renewReplyClaim } from './chat-messages.ts';
import { previewUrl, type PreviewHostMode } from '../previews/index.ts';
import { markBotBlocked } from '../telegram/bot-blocked.ts';
import { buttonData } from '../telegram/buttons.ts';
import { resultKeyboard } from '../telegram/result-keyboard.ts';
import { failureReasons, wordsFor, type FailureReason } from '../telegram/words/index.ts';
import { startHeartbeat } from './heartbeat.ts';

export interface ChatDeps {
  telegram: Api;
  db: Kysely<Database>;
  previewBaseUrl: string;
  /** PREVIEW_HOST_MODE: the link is `<base>/p/<id>/` (path, the default) or `https://<id>.<base host>/` (subdomain). */
  previewHostMode?: PreviewHostMode;
  /** How long one worker's right to send a job's final message lasts; renewed every third of it while the send waits. */
  replyClaimMs: number;
}

/** Telegram's limit on a photo's caption (its text after entity parsing; the HTML counted here is never shorter). */
const CAPTION_MAX_CHARS = 1024;

/**
 * Sends the one final message of a finished job unless it was sent already, then records its id
 * and takes the status message away (the final message is the answer; a new message notifies, an
 * edit does not). A redelivered message for a finished job lands here too, so a worker that died
 * between finishing and replying still gets the user their answer; the reply claim makes sure two
 * deliveries arriving together send it once. Nothing is sent to a user who blocked the bot (the
 * claim says so). Resolves to undefined when nothing more is owed, or to when to look again
 * (another worker holds the claim). A failed send throws, after releasing the claim — except a 403
 * (the user blocked the bot): they are marked, not retried.
 *
 * `picture`: the renderer's picture of the page (PNG). A finished site's message is then that photo
 * with the same text as its caption and the same buttons (sendPhoto) — unless the text is longer
 * than a caption may be (1,024 characters), when the message is the text alone, as without one.
 */
export async function deliverFinalMessage(
  deps: ChatDeps,
  jobId: string,
  log: Logger,
  picture?: Uint8Array,
): Promise<{ retryInMs: number } | undefined> {
  const claim = await claimReply(deps.db, jobId, deps.replyClaimMs);
  if (claim.kind === 'settled') return undefined;
  if (claim.kind === 'busy') return { retryInMs: Math.max(1000, claim.claimLeftMs) };
  const job = claim.job;
  if (claim.chatBlocked) {
    log.info('the user blocked the bot; the final message is not sent');
    await releaseReply(deps.db, job.id);
    return undefined;
  }
  // The send may wait for a rate-limit slot: the claim stays ours meanwhile.
  const heartbeat = startHeartbeat(async () => (await renewReplyClaim(deps.db, job.id, deps.replyClaimMs), true), {
    everyMs: deps.replyClaimMs / 3,
    log,
  });
  try {
    const { text, keyboard } = await finalMessage(deps, job);
    const common = {
      parse_mode: 'HTML' as const,
      reply_markup: keyboard,
      ...(job.request_message_id !== null
        ? { reply_parameters: { message_id: job.request_message_id, allow_sending_without_reply: true } }
        : {}),
    };
    const message =
      picture && job.status === 'done' && text.length <= CAPTION_MAX_CHARS
        ? await deps.telegram.sendPhoto(job.chat_id, new InputFile(picture, 'site.png'), { caption: text, ...common })
        : await deps.telegram.sendMessage(job.chat_id, text, {
            link_preview_options: { is_disabled: true },
            ...common,
          });
    heartbeat.stop();
    await recordReplySent(deps.db, job.id, message.message_id);
  } catch (error) {
    heartbeat.stop();
    await releaseReply(deps.db, job.id).catch(() => undefined);
    if (error instanceof GrammyError && error.error_code === 403) {
      log.warn({ status: error.error_code }, 'final message refused by Telegram (blocked); not retrying');
      if (job.chat_id > 0) await markBotBlocked(deps.db, job.chat_id, true);
      return undefined;
    }
    throw error;
  }
  if (job.status_message_id !== null) {
    await deps.telegram
      .deleteMessage(job.chat_id, job.status_message_id)
      .catch((error: unknown) => log.warn({ err: error }, 'could not remove the status message'));
  }
  return undefined;
}

/**
 * The result (title, link, summary, versions, buttons) or the failure in plain words with a retry
 * button; for a delete, that the site is gone (or could not be deleted).
 */
async function finalMessage(deps: ChatDeps, job: Job): Promise<{ text: string; keyboard?: InlineKeyboard }> {
  const words = wordsFor(job.language_code);
  if (job.kind === 'delete')
    return { text: job.status === 'done' ? words.deleted(await titleOf(deps.db, job)) : words.deleteFailed() };
  if (job.status !== 'done' || !job.preview_id || job.version === null) {
    const reason: FailureReason =
      job.user_error !== null && Object.hasOwn(failureReasons, job.user_error)
        ? (job.user_error as FailureReason)
        : 'internal';
    return {
      text: words.failed(reason),
      keyboard: new InlineKeyboard().text(words.buttons.retry, buttonData({ action: 'again', jobId: job.id })),
    };
  }
  const previewId = job.preview_id;
  const versions = await deps.db
    .selectFrom('preview_versions')
    .select(['version', 'title', 'summary', 'restored_from'])
    .where('preview_id', '=', previewId)
    .orderBy('version')
    .execute();
  const own = versions.find((v) => v.version === job.version)!;
  const urlOf = (version?: number) => previewUrl(deps.previewBaseUrl, previewId, deps.previewHostMode, version);
  const text = words.done({
    title: own.title,
    url: urlOf(),
    summary: own.summary,
    version: own.version,
    restoredFrom: own.restored_from,
    versions: versions.map((v) => ({ version: v.version, url: urlOf(v.version) })),
  });
  return {
    text,
    keyboard: resultKeyboard(
      words,
      job,
      urlOf(),
      versions.map((v) => v.version),
    ),
  };
}

/** The title of the site a job names (for a delete: the site it deleted, whose row stays, marked). */
async function titleOf(db: Kysely<Database>, job: Job): Promise<string> {
  const row = await db.selectFrom('previews').select('title').where('id', '=', job.preview_id!).executeTakeFirst();
  return row?.title ?? '';
}
