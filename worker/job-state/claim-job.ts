import { sql, type Kysely } from 'kysely';
import type { Database, Job } from '../../shared/db/schema.ts';

export type Claim =
  | { kind: 'claimed'; job: Job }
  /** done, failed or cancelled: only the final chat message may still be owed. */
  | { kind: 'finished'; job: Job }
  /** Another worker holds a valid lease; look again after it ends. */
  | { kind: 'busy'; retryInMs: number }
  | { kind: 'missing' };

/**
 * Claims a job with one conditional update: queued jobs, and running jobs whose lease ran out (their
 * worker died), become running with a fresh lease and one more attempt. Anything else is reported as
 * it is, so a redelivered message never runs a job twice at once.
 */
export async function claimJob(db: Kysely<Database>, jobId: string, leaseMs: number): Promise<Claim> {
  const job = await db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      attempts: eb('attempts', '+', 1),
      lease_until: sql<Date>`now() + make_interval(secs => ${leaseMs / 1000})`,
      started_at: sql<Date>`coalesce(started_at, now())`,
      updated_at: sql<Date>`now()`,
    }))
    .where('id', '=', jobId)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'queued'),
        eb.and([eb('status', '=', 'running'), eb('lease_until', '<', sql<Date>`now()`)]),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
  if (job) return { kind: 'claimed', job };

  const current = await db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
  if (!current) return { kind: 'missing' };
  if (current.status === 'done' || current.status === 'failed' || current.status === 'cancelled')
    return { kind: 'finished', job: current };
  const leaseLeftMs = current.lease_until ? current.lease_until.getTime() - Date.now() : 0;
  return { kind: 'busy', retryInMs: Math.max(1000, leaseLeftMs) };
}
