import type { Transaction } from 'kysely';
import type { Database, Job, JobKind } from '../../shared/db/schema.ts';
import type { JobMessage } from '../../shared/queue/index.ts';
import { jobsCreated } from '../metrics/api-metrics.ts';

export interface SiteRequest {
  updateId: number;
  chatId: number;
  userId: number | undefined;
  prompt: string;
  /** Default `create`: a new site, or — with `previewId` — a fresh take published as its next version. */
  kind?: JobKind;
  /** The site a job changes (revise, restore, regenerate); unset for a new site. */
  previewId?: string | null;
  /** revise: the version the change starts from; restore: the version to copy. */
  baseVersion?: number | null;
  languageCode?: string | null;
  /** The message that asked; answers reply to it. */
  requestMessageId?: number | null;
}

/** Creates the job and its outbox row; the caller's transaction makes both durable together. */
export async function createJob(trx: Transaction<Database>, request: SiteRequest): Promise<Job> {
  const job = await trx
    .insertInto('jobs')
    .values({
      update_id: request.updateId,
      chat_id: request.chatId,
      user_id: request.userId ?? null,
      prompt: request.prompt,
      kind: request.kind ?? 'create',
      preview_id: request.previewId ?? null,
      base_version: request.baseVersion ?? null,
      language_code: request.languageCode ?? null,
      request_message_id: request.requestMessageId ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const message: JobMessage = { jobId: job.id };
  await trx
    .insertInto('outbox')
    .values({ job_id: job.id, payload: JSON.stringify(message) })
    .execute();
  jobsCreated.inc(); // at insert: the rare commit that then fails is answered 503, redelivered and counted again
  return job;
}
