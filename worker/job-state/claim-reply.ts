import { sql, type Kysely } from 'kysely';
import type { Database, Job } from '../../shared/db/schema.ts';

export type ReplyClaim =
  /** This worker may send the final message now (and must record or release it). */
  | { kind: 'claimed'; job: Job }
  /** The final message went out already (or the job is not finished: nothing to send). */
  | { kind: 'settled' }
  /** Another worker is sending it right now; look again once its claim has run out. */
  | { kind: 'busy'; retryInMs: number };

/**
 * Takes the right to send a finished job's one final message, with one conditional update: only
 * while no message is recorded and no other worker holds a live claim. Two deliveries of the same
 * finished job (a redelivery after a lost connection, a retry copy) can reach this at once; only
 * one sends. The claim lives in `lease_until`, which a finished job does not otherwise use, so a
 * worker that dies mid-send frees it when it runs out.
 */
export async function claimReply(db: Kysely<Database>, jobId: string, claimMs: number): Promise<ReplyClaim> {
  const job = await db
    .updateTable('jobs')
    .set({ lease_until: sql<Date>`now() + make_interval(secs => ${claimMs / 1000})` })
    .where('id', '=', jobId)
    .where('status', 'in', ['done', 'failed'])
    .where('result_message_id', 'is', null)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`)]))
    .returningAll()
    .executeTakeFirst();
  if (job) return { kind: 'claimed', job };

  const current = await db
    .selectFrom('jobs')
    .select(['status', 'result_message_id', 'lease_until'])
    .where('id', '=', jobId)
    .executeTakeFirst();
  if (!current || current.result_message_id !== null || (current.status !== 'done' && current.status !== 'failed'))
    return { kind: 'settled' };
  const claimLeftMs = current.lease_until ? current.lease_until.getTime() - Date.now() : 0;
  return { kind: 'busy', retryInMs: Math.max(1000, claimLeftMs) };
}

/** Records the message that carried the final answer (so it is never sent again) and ends the claim. */
export async function recordReplySent(db: Kysely<Database>, jobId: string, messageId: number): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ result_message_id: messageId, lease_until: null, updated_at: sql<Date>`now()` })
    .where('id', '=', jobId)
    .execute();
}

/** Ends the claim without a message (the send failed), so the next delivery can try at once. */
export async function releaseReply(db: Kysely<Database>, jobId: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ lease_until: null })
    .where('id', '=', jobId)
    .where('result_message_id', 'is', null)
    .execute();
}
