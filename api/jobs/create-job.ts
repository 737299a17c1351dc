import type { Transaction } from 'kysely';
import type { Database, Job } from '../../shared/db/schema.ts';
import type { JobMessage } from '../../shared/queue/index.ts';

export interface SiteRequest {
  updateId: number;
  chatId: number;
  userId: number | undefined;
  prompt: string;
}

/** Creates the job and its outbox row; the caller's transaction makes both durable together. */
export async function createJob(trx: Transaction<Database>, request: SiteRequest): Promise<Job> {
  const job = await trx
    .insertInto('jobs')
    .values({ update_id: request.updateId, chat_id: request.chatId, user_id: request.userId ?? null, prompt: request.prompt })
    .returningAll()
    .executeTakeFirstOrThrow();
  const message: JobMessage = { jobId: job.id };
  await trx.insertInto('outbox').values({ job_id: job.id, payload: JSON.stringify(message) }).execute();
  return job;
}
