import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, Job, JobStatus } from '../../shared/db/schema.ts';
import { retryByOperator, TRANSITIONS } from '../../shared/jobs/index.ts';
import { OpsError } from '../ops-errors.ts';

type Candidate = Pick<Job, 'id' | 'chat_id' | 'status' | 'created_at' | 'error'>;
const candidateColumns = ['id', 'chat_id', 'status', 'created_at', 'error'] as const;

/**
 * Sends one job through the pipeline again: a failed job, or a queued one whose message was lost
 * (nothing waiting in the outbox — a purged parking queue, say). Anything else is refused: a running
 * job has a worker, a done job has its site.
 */
export async function retryJob(db: Kysely<Database>, jobId: string) {
  return db.transaction().execute(async (trx) => {
    const job = await trx
      .selectFrom('jobs')
      .select(candidateColumns)
      .where('id', '=', jobId)
      .forUpdate()
      .executeTakeFirst();
    if (!job) throw new OpsError(`no job ${jobId}`);
    if (job.status === 'queued' && (await hasPendingOutboxRow(trx, jobId))) {
      throw new OpsError(
        `job ${jobId} is queued and its message is still in the outbox; the relay publishes it (see \`stats\` for the backlog)`,
      );
    }
    if (!(TRANSITIONS.retryByOperator.from as readonly JobStatus[]).includes(job.status)) {
      throw new OpsError(
        `job ${jobId} is ${job.status}; only failed jobs (or queued ones with nothing in the outbox) can be retried`,
      );
    }
    return requeue(trx, [job]);
  });
}

/** Every job that failed and was created within the last `sinceMs`, sent again in one transaction. */
export async function retryFailedJobs(db: Kysely<Database>, sinceMs: number) {
  return db.transaction().execute(async (trx) => {
    const jobs = await trx
      .selectFrom('jobs')
      .select(candidateColumns)
      .where('status', '=', 'failed')
      .where('created_at', '>', sql<Date>`now() - make_interval(secs => ${sinceMs / 1000})`)
      .orderBy('created_at')
      .forUpdate()
      .execute();
    return requeue(trx, jobs);
  });
}

/**
 * A fresh start for each job (queued, no attempts, no error, no final message yet, a new status
 * message) and an outbox row: the api's relay publishes it, as it does every job. The attempts
 * already recorded stay in job_attempts.
 */
async function requeue(trx: Transaction<Database>, jobs: Candidate[]) {
  const requeued = new Set(
    await retryByOperator(
      trx,
      jobs.map((job) => job.id),
    ),
  );
  return jobs
    .filter((job) => requeued.has(job.id))
    .map((job) => ({
      jobId: job.id,
      chatId: job.chat_id,
      createdAt: job.created_at,
      wasStatus: job.status,
      lastError: job.error,
    }));
}

async function hasPendingOutboxRow(trx: Transaction<Database>, jobId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('outbox')
    .select('id')
    .where('job_id', '=', jobId)
    .where('published_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}
