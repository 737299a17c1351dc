import { GrammyError, type Api } from 'grammy';
import type { Kysely } from 'kysely';
import { previewUrl } from '../../shared/bundle.ts';
import type { Database, Job } from '../../shared/db/schema.ts';
import type { Logger } from '../../shared/log/index.ts';
import { words } from '../../shared/telegram/words.ts';
import { recordResultMessage, recordStatusMessage } from '../job-state/record-outcome.ts';

export interface ChatDeps {
  telegram: Api;
  db: Kysely<Database>;
  previewBaseUrl: string;
}

/** Tells the chat the job started: one status message per job (not per attempt) and "typing". */
export async function reportWorking({ telegram, db }: ChatDeps, job: Job, log: Logger): Promise<void> {
  try {
    await telegram.sendChatAction(job.chat_id, 'typing');
    if (job.status_message_id !== null) return;
    const message = await telegram.sendMessage(job.chat_id, words.working());
    await recordStatusMessage(db, job.id, message.message_id);
  } catch (error) {
    // Progress is a courtesy: a failed status message must not fail the job.
    log.warn({ err: error }, 'could not send the progress message');
  }
}

/**
 * Sends the one final message of a finished job (the link, or the failure in plain words) unless it
 * was sent already, then records its id. A redelivered message for a finished job lands here too,
 * so a worker that died between finishing and replying still gets the user their answer.
 */
export async function deliverFinalMessage({ telegram, db, previewBaseUrl }: ChatDeps, job: Job, log: Logger): Promise<void> {
  if (job.result_message_id !== null) return;
  const text = await finalText(db, job, previewBaseUrl);
  try {
    const message = await telegram.sendMessage(job.chat_id, text, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
    });
    await recordResultMessage(db, job.id, message.message_id);
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 403) {
      // The user blocked the bot or left: retrying cannot help.
      log.warn({ status: error.error_code }, 'final message refused by Telegram; not retrying');
      return;
    }
    throw error;
  }
}

async function finalText(db: Kysely<Database>, job: Job, previewBaseUrl: string): Promise<string> {
  if (job.status === 'done' && job.preview_id) {
    const preview = await db.selectFrom('previews').select(['title', 'summary']).where('id', '=', job.preview_id).executeTakeFirstOrThrow();
    return words.done(preview.title, previewUrl(previewBaseUrl, job.preview_id), preview.summary);
  }
  return words.failed(job.user_error ?? '');
}
