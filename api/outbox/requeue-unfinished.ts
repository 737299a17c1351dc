import { sql, type Kysely } from 'kysely';
import type { Database } from '../../shared/db/schema.ts';

/**
 * For the in-process queue, whose messages die with the process: at start, every job that is not
 * finished gets a fresh outbox row (and running ones lose their dead lease), so nothing a previous
 * run accepted is forgotten. Returns how many jobs were re-sent.
 */
export async function requeueUnfinishedJobs(db: Kysely<Database>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const jobs = await trx
      .updateTable('jobs')
      .set({ lease_until: null, updated_at: sql<Date>`now()` })
      .where('status', 'in', ['queued', 'running'])
      .returning('id')
      .execute();
    if (jobs.length === 0) return 0;
    await trx.updateTable('jobs').set({ status: 'queued' }).where('status', '=', 'running').execute();
    await trx
      .insertInto('outbox')
      .values(jobs.map((job) => ({ job_id: job.id, payload: JSON.stringify({ jobId: job.id }) })))
      .execute();
    return jobs.length;
  });
}
