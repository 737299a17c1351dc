import { GrammyError, type Api } from 'grammy';
import type { Kysely } from 'kysely';
import { previewUrl, type PreviewHostMode } from '../../shared/bundle.ts';
import type { Database, Job } from '../../shared/db/schema.ts';
import type { Logger } from '../../shared/log/index.ts';
import { words } from '../../shared/telegram/words.ts';
import { claimReply, recordReplySent, releaseReply } from '../job-state/claim-reply.ts';
import { recordStatusMessage } from '../job-state/record-outcome.ts';

export interface ChatDeps {
  telegram: Api;
  db: Kysely<Database>;
  previewBaseUrl: string;
  /** PREVIEW_HOST_MODE: the link is `<base>/p/<id>/` (path, the default) or `https://<id>.<base host>/` (subdomain). */
  previewHostMode?: PreviewHostMode;
  /** How long one worker holds the right to send a job's final message (covers rate-limit waits). */
  replyClaimMs: number;
}

/**
 * Tells the chat the job started: one status message per job (not per attempt) and "typing".
 * Returns the status message's id (for progress edits), or null when there is none.
 */
export async function reportWorking({ telegram, db }: ChatDeps, job: Job, log: Logger): Promise<number | null> {
  let statusMessageId = job.status_message_id;
  try {
    await telegram.sendChatAction(job.chat_id, 'typing');
    if (statusMessageId !== null) return statusMessageId;
    statusMessageId = (await telegram.sendMessage(job.chat_id, words.working())).message_id;
    await recordStatusMessage(db, job.id, statusMessageId);
  } catch (error) {
    // Progress is a courtesy: a failed status message must not fail the job.
    log.warn({ err: error }, 'could not send the progress message');
  }
  return statusMessageId;
}

/**
 * Sends the one final message of a finished job (the link, or the failure in plain words) unless it
 * was sent already, then records its id. A redelivered message for a finished job lands here too,
 * so a worker that died between finishing and replying still gets the user their answer; the reply
 * claim makes sure two deliveries arriving together send it once. Resolves to undefined when
 * nothing more is owed, or to a delay after which to look again (another worker holds the claim).
 * A failed send throws, after releasing the claim.
 */
export async function deliverFinalMessage(deps: ChatDeps, jobId: string, log: Logger): Promise<{ retryInMs: number } | undefined> {
  const claim = await claimReply(deps.db, jobId, deps.replyClaimMs);
  if (claim.kind === 'settled') return undefined;
  if (claim.kind === 'busy') return { retryInMs: claim.retryInMs };
  const job = claim.job;
  try {
    const text = await finalText(deps.db, job, deps.previewBaseUrl, deps.previewHostMode);
    const message = await deps.telegram.sendMessage(job.chat_id, text, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
    });
    await recordReplySent(deps.db, job.id, message.message_id);
    return undefined;
  } catch (error) {
    await releaseReply(deps.db, job.id).catch(() => undefined);
    if (error instanceof GrammyError && error.error_code === 403) {
      // The user blocked the bot or left: retrying cannot help.
      log.warn({ status: error.error_code }, 'final message refused by Telegram; not retrying');
      return undefined;
    }
    throw error;
  }
}

async function finalText(db: Kysely<Database>, job: Job, previewBaseUrl: string, hostMode: PreviewHostMode = 'path'): Promise<string> {
  if (job.status === 'done' && job.preview_id) {
    const preview = await db.selectFrom('previews').select(['title', 'summary']).where('id', '=', job.preview_id).executeTakeFirstOrThrow();
    return words.done(preview.title, previewUrl(previewBaseUrl, job.preview_id, hostMode), preview.summary);
  }
  return words.failed(job.user_error ?? '');
}
