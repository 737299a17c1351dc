import type { Api } from 'grammy';
import type { Kysely } from 'kysely';
import type { Database, Job } from '../../shared/db/schema.ts';
import { isUnfinished, placeInLine, recordStatusMessage } from '../../shared/jobs/index.ts';
import { wordsFor } from '../../shared/telegram/words/index.ts';

/**
 * The job's status message, sent right after its row committed: "got it, you are number N in
 * line" (read in constant time, see placeInLine). The worker edits this one message through the
 * stages. It is recorded only while the job is unfinished and has none yet; otherwise (a very fast
 * job, a restart) it is taken back, so a chat never keeps a stale "in line" message. A job that
 * finished before its turn came gets none.
 */
export async function acknowledgeJob(
  db: Kysely<Database>,
  telegram: Api,
  job: Pick<Job, 'id' | 'chat_id' | 'kind' | 'base_version' | 'language_code' | 'request_message_id'>,
): Promise<void> {
  // After a burst an acknowledgement can wait long for its turn: one whose job is over is moot.
  const current = await placeInLine(db, job.id);
  if (!current || !isUnfinished(current.status)) return;
  const words = wordsFor(job.language_code);
  const text =
    job.kind === 'restore' && job.base_version !== null
      ? words.status.restoring(job.base_version)
      : job.kind === 'delete'
        ? words.status.deleting()
        : words.status.queued(current.ahead + 1);
  const message = await telegram.sendMessage(job.chat_id, text, {
    parse_mode: 'HTML',
    ...(job.request_message_id !== null
      ? { reply_parameters: { message_id: job.request_message_id, allow_sending_without_reply: true } }
      : {}),
  });
  if (!(await recordStatusMessage(db, job.id, message.message_id)))
    await telegram.deleteMessage(job.chat_id, message.message_id);
}
