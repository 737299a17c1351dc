import { sql, type Kysely } from 'kysely';
import type { Database, JobStatus } from '../db/schema.ts';

/**
 * A job's status and how many queued jobs are ahead of it, in one read that costs the same however
 * long the line: its queue number minus the oldest queued job's (through the partial index on
 * queued jobs), never a count. Jobs ahead that already left the line out of turn (cancelled, taken
 * by a worker early) still count until the oldest queued one moves on: a place is an estimate.
 * Undefined for a job that does not exist.
 */
export async function placeInLine(
  db: Kysely<Database>,
  jobId: string,
): Promise<{ status: JobStatus; ahead: number } | undefined> {
  const row = await db
    .selectFrom('jobs')
    .select([
      'status',
      sql<string>`greatest(0, queue_seq - coalesce((select min(queue_seq) from jobs where status = 'queued'), queue_seq))`.as(
        'ahead',
      ),
    ])
    .where('id', '=', jobId)
    .executeTakeFirst();
  return row && { status: row.status, ahead: Number(row.ahead) };
}
