import { sql, type Transaction } from 'kysely';
import type { Database, Job, JobKind } from '../db/schema.ts';
import { TRANSITIONS } from './states.ts';

/** What a chat asked for: everything a new job row needs. */
export interface JobRequest {
  /** The update that asked (null for jobs made otherwise, e.g. by tests or tools). */
  updateId: number | null;
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

/**
 * Transition `enqueue`: new jobs in line, each with its outbox row (the relay publishes it), in one
 * statement. The caller's transaction makes them durable together with whatever decided them.
 * Returns the jobs in the order of `requests`.
 */
export async function enqueueJobs(trx: Transaction<Database>, requests: readonly JobRequest[]): Promise<Job[]> {
  if (requests.length === 0) return [];
  const rows = requests.map((request) => ({
    update_id: request.updateId,
    chat_id: request.chatId,
    user_id: request.userId ?? null,
    // PostgreSQL text cannot hold U+0000; Telegram never sends it, a forged update might.
    prompt: request.prompt.replaceAll('\u0000', ''),
    status: TRANSITIONS.enqueue.to,
    kind: request.kind ?? 'create',
    preview_id: request.previewId ?? null,
    base_version: request.baseVersion ?? null,
    language_code: request.languageCode ?? null,
    request_message_id: request.requestMessageId ?? null,
  }));
  // PostgreSQL inserts multi-row VALUES in order and returns them in that order.
  return trx
    .with('new_jobs', (db) => db.insertInto('jobs').values(rows).returningAll())
    .with('boxed', (db) =>
      db
        .insertInto('outbox')
        .columns(['job_id', 'payload'])
        .expression((eb) =>
          eb
            .selectFrom('new_jobs')
            .select(['new_jobs.id', sql<string>`jsonb_build_object('jobId', new_jobs.id)`.as('payload')]),
        ),
    )
    .selectFrom('new_jobs')
    .selectAll()
    .execute();
}

/** One job: `enqueueJobs` for a single request. */
export async function enqueueJob(trx: Transaction<Database>, request: JobRequest): Promise<Job> {
  const [job] = await enqueueJobs(trx, [request]);
  return job!;
}
