import { sql, type Kysely } from 'kysely';
import type { Database, Job } from '../db/schema.ts';
import { botBlockedIn } from '../telegram/bot-blocked.ts';
import { FINISHED_STATUSES, TRANSITIONS } from './states.ts';

/** A job as the worker running it holds it: the attempt number says whose lease it is. */
export type OwnedJob = Pick<Job, 'id' | 'attempts'>;

export type Claim =
  /** This worker runs the job now; `chatBlocked`: the user blocked the bot (nothing may be sent). */
  | { kind: 'claimed'; job: Job; chatBlocked: boolean }
  /** done, failed or cancelled: only the final chat message may still be owed. */
  | { kind: 'finished'; job: Job }
  /** Another worker holds a lease for `leaseLeftMs` more (by the database's clock); it renews it while it works. */
  | { kind: 'busy'; leaseLeftMs: number }
  | { kind: 'missing' };

const leaseFor = (leaseMs: number) => sql<Date>`now() + make_interval(secs => ${leaseMs / 1000})`;

/** Milliseconds until a timestamp column's moment by the database's clock (0 when past or null), which every worker shares. */
export const msLeftOf = (column: 'lease_until' | 'render_until') =>
  sql<number>`coalesce(greatest(0, ceil(extract(epoch from (${sql.ref(column)} - now())) * 1000)), 0)::float8`;

/**
 * Transition `claim`, one conditional update: a queued job, or a running one whose lease lapsed
 * (its worker died and stopped renewing), becomes running with a lease of `leaseMs` and one more
 * attempt. Anything else is reported as it is, so a redelivered message never runs a job twice at
 * once. The same statement says whether the chat may be messaged.
 */
export async function claimJob(db: Kysely<Database>, jobId: string, leaseMs: number): Promise<Claim> {
  const claimed = await db
    .updateTable('jobs')
    .set((eb) => ({
      status: TRANSITIONS.claim.to,
      attempts: eb('attempts', '+', 1),
      lease_until: leaseFor(leaseMs),
      started_at: sql<Date>`coalesce(started_at, now())`,
      updated_at: sql<Date>`now()`,
    }))
    .where('id', '=', jobId)
    .where('status', 'in', TRANSITIONS.claim.from)
    // A running job only once its lease lapsed.
    .where((eb) => eb.or([eb('status', '!=', 'running'), eb('lease_until', '<', sql<Date>`now()`)]))
    .returningAll()
    .returning(botBlockedIn('jobs.chat_id').as('chat_blocked'))
    .executeTakeFirst();
  if (claimed) {
    const { chat_blocked: chatBlocked, ...job } = claimed;
    return { kind: 'claimed', job, chatBlocked };
  }
  const current = await db
    .selectFrom('jobs')
    .selectAll()
    .select(msLeftOf('lease_until').as('lease_left_ms'))
    .where('id', '=', jobId)
    .executeTakeFirst();
  if (!current) return { kind: 'missing' };
  const { lease_left_ms: leaseLeftMs, ...job } = current;
  if ((FINISHED_STATUSES as readonly string[]).includes(job.status)) return { kind: 'finished', job };
  return { kind: 'busy', leaseLeftMs };
}

/**
 * Transition `renewLease` (the heartbeat): the lease of a job this worker still runs moves on to
 * `leaseMs` from now. False when the job is no longer ours — it ended, or our lease lapsed and
 * another worker took it over (its claim counted a new attempt).
 */
export async function renewLease(db: Kysely<Database>, job: OwnedJob, leaseMs: number): Promise<boolean> {
  const renewed = await db
    .updateTable('jobs')
    .set({ lease_until: leaseFor(leaseMs) })
    .where('id', '=', job.id)
    .where('status', 'in', TRANSITIONS.renewLease.from)
    .where('attempts', '=', job.attempts)
    .executeTakeFirst();
  return renewed.numUpdatedRows > 0n;
}
