import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { OwnedJob } from './claim.ts';
import { TRANSITIONS, type TransitionName } from './states.ts';

/** Why an attempt did not succeed: for operators (`error`) and, as a words key, for the user (`userError`). */
export interface AttemptFailure {
  error: string;
  userError: string | null;
}

/**
 * Only the worker holding this attempt's lease may end it: the job is in a `from` status of the
 * transition and still counts our attempt (a presumed-dead worker that comes back is refused).
 */
function endAttempt(trx: Transaction<Database>, job: OwnedJob, transition: TransitionName) {
  return trx
    .updateTable('jobs')
    .where('id', '=', job.id)
    .where('status', 'in', TRANSITIONS[transition].from)
    .where('attempts', '=', job.attempts);
}

const clip = (error: string) => error.slice(0, 2000);

/**
 * Transition `succeed`: the job published `version` of `previewId` (served by `provider`), or, a
 * delete, took `previewId` offline (no version, no provider). False when the job is no longer ours.
 */
export async function markDone(
  trx: Transaction<Database>,
  job: OwnedJob,
  result: { previewId: string; version: number | null; provider: string | null },
): Promise<boolean> {
  const updated = await endAttempt(trx, job, 'succeed')
    .set({
      status: TRANSITIONS.succeed.to,
      preview_id: result.previewId,
      version: result.version,
      provider: result.provider,
      error: null,
      user_error: null,
      lease_until: null,
      finished_at: sql<Date>`now()`,
      updated_at: sql<Date>`now()`,
    })
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

/** Transition `retryLater`: back in line after a retryable failure (the caller schedules the retry). */
export async function markRetryLater(
  trx: Transaction<Database>,
  job: OwnedJob,
  failure: AttemptFailure,
): Promise<boolean> {
  const updated = await endAttempt(trx, job, 'retryLater')
    .set({
      status: TRANSITIONS.retryLater.to,
      error: clip(failure.error),
      user_error: failure.userError,
      lease_until: null,
      updated_at: sql<Date>`now()`,
    })
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

/** Transition `fail`: for good; the user is told `userError` in the final message. */
export async function markFailed(trx: Transaction<Database>, job: OwnedJob, failure: AttemptFailure): Promise<boolean> {
  const updated = await endAttempt(trx, job, 'fail')
    .set({
      status: TRANSITIONS.fail.to,
      error: clip(failure.error),
      user_error: failure.userError,
      lease_until: null,
      finished_at: sql<Date>`now()`,
      updated_at: sql<Date>`now()`,
    })
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

/**
 * Transition `cancel`, by the worker running the job (the user asked, or can no longer be reached):
 * no final message is owed.
 */
export async function markCancelled(trx: Transaction<Database>, job: OwnedJob, reason: string): Promise<boolean> {
  const updated = await endAttempt(trx, job, 'cancel')
    .where('status', '=', 'running')
    .set({
      status: TRANSITIONS.cancel.to,
      error: clip(reason),
      lease_until: null,
      finished_at: sql<Date>`now()`,
      updated_at: sql<Date>`now()`,
    })
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}
