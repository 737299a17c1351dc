import { sql, type Kysely } from 'kysely';
import type { Database, Job } from '../db/schema.ts';
import { botBlockedIn } from '../telegram/bot-blocked.ts';
import { msLeftOf } from './claim.ts';
import { UNFINISHED_STATUSES } from './states.ts';

/**
 * The job's status message ("got it, you are number 3 in line"), recorded only while the job is
 * unfinished and has none yet. False otherwise: the caller takes the message back, so a chat never
 * keeps a stale "in line" message.
 */
export async function recordStatusMessage(db: Kysely<Database>, jobId: string, messageId: number): Promise<boolean> {
  const recorded = await db
    .updateTable('jobs')
    .set({ status_message_id: messageId })
    .where('id', '=', jobId)
    .where('status_message_id', 'is', null)
    .where('status', 'in', UNFINISHED_STATUSES)
    .executeTakeFirst();
  return recorded.numUpdatedRows > 0n;
}

/** Jobs whose one final message is owed: they ended with a site or a failure. */
const ANSWERED_STATUSES = ['done', 'failed'] as const;

export type ReplyClaim =
  /** This worker may send the final message now (and must record or release it); `chatBlocked`: it may not. */
  | { kind: 'claimed'; job: Job; chatBlocked: boolean }
  /** The final message went out already (or the job is not finished: nothing to send). */
  | { kind: 'settled' }
  /** Another worker is sending it right now, with a claim for `claimLeftMs` more (renewed while it sends). */
  | { kind: 'busy'; claimLeftMs: number };

const claimFor = (claimMs: number) => sql<Date>`now() + make_interval(secs => ${claimMs / 1000})`;

/**
 * Takes the right to send a finished job's one final message, with one conditional update: only
 * while no message is recorded and no other worker holds a live claim. Two deliveries of the same
 * finished job (a redelivery after a lost connection, a retry copy) can reach this at once; only
 * one sends. The claim lives in `lease_until`, which a finished job does not otherwise use, and is
 * renewed while the send waits (renewReplyClaim), so a worker that dies mid-send frees it soon.
 */
export async function claimReply(db: Kysely<Database>, jobId: string, claimMs: number): Promise<ReplyClaim> {
  const claimed = await db
    .updateTable('jobs')
    .set({ lease_until: claimFor(claimMs) })
    .where('id', '=', jobId)
    .where('status', 'in', ANSWERED_STATUSES)
    .where('result_message_id', 'is', null)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`)]))
    .returningAll()
    .returning(botBlockedIn('jobs.chat_id').as('chat_blocked'))
    .executeTakeFirst();
  if (claimed) {
    const { chat_blocked: chatBlocked, ...job } = claimed;
    return { kind: 'claimed', job, chatBlocked };
  }
  const current = await db
    .selectFrom('jobs')
    .select(['status', 'result_message_id', msLeftOf('lease_until').as('claim_left_ms')])
    .where('id', '=', jobId)
    .executeTakeFirst();
  const owed = current?.status === 'done' || current?.status === 'failed';
  if (!current || current.result_message_id !== null || !owed) return { kind: 'settled' };
  return { kind: 'busy', claimLeftMs: current.claim_left_ms };
}

/** Keeps a reply claim alive while its message waits for a send slot. */
export async function renewReplyClaim(db: Kysely<Database>, jobId: string, claimMs: number): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ lease_until: claimFor(claimMs) })
    .where('id', '=', jobId)
    .where('status', 'in', ANSWERED_STATUSES)
    .where('result_message_id', 'is', null)
    .execute();
}

/** Records the message that carried the final answer (so it is never sent again) and ends the claim. */
export async function recordReplySent(db: Kysely<Database>, jobId: string, messageId: number): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ result_message_id: messageId, lease_until: null, updated_at: sql<Date>`now()` })
    .where('id', '=', jobId)
    .execute();
}

/** Ends the claim without a message (the send failed, or the chat may not be messaged), so the next delivery may try at once. */
export async function releaseReply(db: Kysely<Database>, jobId: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ lease_until: null })
    .where('id', '=', jobId)
    .where('result_message_id', 'is', null)
    .execute();
}
