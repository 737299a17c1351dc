import type { JobStatus } from '../db/schema.ts';

/** A job that still owes work: waiting in line (`queued`) or with a worker (`running`). */
export const UNFINISHED_STATUSES = ['queued', 'running'] as const satisfies readonly JobStatus[];

/** A job that is over; only its one final chat message may still be owed (`done`, `failed`). */
export const FINISHED_STATUSES = ['done', 'failed', 'cancelled'] as const satisfies readonly JobStatus[];

/** Every status, unfinished first. */
export const JOB_STATUSES = [...UNFINISHED_STATUSES, ...FINISHED_STATUSES] as const;

export interface Transition {
  /** The statuses a job may be in for this transition to apply; any other leaves the row untouched. */
  readonly from: readonly JobStatus[];
  readonly to: JobStatus;
}

/**
 * Every change of a job's status, by name. Each has exactly one function with its SQL in this
 * folder, and that SQL only touches rows in a `from` status, so a forbidden change is a no-op the
 * caller is told about, never a corrupted row.
 *
 *   enqueue ─▶ queued ─claim─▶ running ─succeed─▶ done
 *                ▲                ├─fail──────▶ failed ─retryByOperator─▶ queued
 *                └───retryLater───┤
 *                                 └─cancel────▶ cancelled ◀─cancel─ queued
 *   running ─claim (lease lapsed), renewLease─▶ running
 *   queued, running ─resumeAfterRestart─▶ queued
 */
export const TRANSITIONS = {
  /** A new job, in line. */
  enqueue: { from: [], to: 'queued' },
  /** A worker takes a queued job, or a running one whose lease lapsed (its worker died). */
  claim: { from: ['queued', 'running'], to: 'running' },
  /** The worker running the job still holds it: its lease moves on (the heartbeat). */
  renewLease: { from: ['running'], to: 'running' },
  /** An attempt failed with a retryable error and attempts are left: back in line. */
  retryLater: { from: ['running'], to: 'queued' },
  /** The version is published. */
  succeed: { from: ['running'], to: 'done' },
  /** For good: a final error, or the last attempt failed. */
  fail: { from: ['running'], to: 'failed' },
  /** /cancel of a job still in line; a running job's worker ends it once it stopped the provider. */
  cancel: { from: ['queued', 'running'], to: 'cancelled' },
  /** An operator sends a failed job again (or a queued one whose message was lost). */
  retryByOperator: { from: ['failed', 'queued'], to: 'queued' },
  /** At start with the in-process queue, whose messages died with the last process: every unfinished job again. */
  resumeAfterRestart: { from: ['queued', 'running'], to: 'queued' },
} as const satisfies Record<string, Transition>;

export type TransitionName = keyof typeof TRANSITIONS;

/** True when some transition takes a job from `from` to `to`. */
export function mayFollow(from: JobStatus, to: JobStatus): boolean {
  return Object.values(TRANSITIONS).some(
    (transition) => (transition.from as readonly JobStatus[]).includes(from) && transition.to === to,
  );
}

/** True for `queued` and `running`. */
export function isUnfinished(status: JobStatus): boolean {
  return (UNFINISHED_STATUSES as readonly JobStatus[]).includes(status);
}
