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
  /** Asks an earlier request again (Regenerate); counted with restores (QUOTA_RESTORES_PER_HOUR). */
  regenerate?: boolean;
  languageCode?: string | null;
  /** The message that asked; answers reply to it. */
  requestMessageId?: number | null;
}

/** What the caller learns of a job it queued: enough to acknowledge it in chat. */
export type QueuedJob = Pick<
  Job,
  | 'id'
  | 'update_id'
  | 'chat_id'
  | 'user_id'
  | 'prompt'
  | 'status'
  | 'attempts'
  | 'kind'
  | 'base_version'
  | 'language_code'
  | 'request_message_id'
  | 'queue_seq'
>;

/**
 * Transition `enqueue`: new jobs in line, each with its outbox row (the relay publishes it), in one
 * statement with one array per column (so a batch of hundreds costs a dozen parameters, not
 * thousands). The caller's transaction makes them durable together with whatever decided them.
 * Returns the jobs in the order of `requests`.
 */
export async function enqueueJobs(trx: Transaction<Database>, requests: readonly JobRequest[]): Promise<QueuedJob[]> {
  if (requests.length === 0) return [];
  const column = <T>(value: (request: JobRequest) => T) => requests.map(value);
  // Rows are inserted, numbered (queue_seq) and returned in the order of the arrays.
  const { rows } = await sql<QueuedJob>`
    with new_jobs as (
      insert into jobs (update_id, chat_id, user_id, prompt, status, kind, preview_id, base_version, regenerate, language_code, request_message_id)
      select update_id, chat_id, user_id, prompt, ${TRANSITIONS.enqueue.to}, kind, preview_id, base_version, regenerate, language_code, request_message_id
      from unnest(
        ${column((r) => r.updateId)}::bigint[],
        ${column((r) => r.chatId)}::bigint[],
        ${column((r) => r.userId ?? null)}::bigint[],
        ${column((r) => stripNul(r.prompt))}::text[],
        ${column((r) => r.kind ?? 'create')}::text[],
        ${column((r) => r.previewId ?? null)}::text[],
        ${column((r) => r.baseVersion ?? null)}::int[],
        ${column((r) => r.regenerate ?? false)}::boolean[],
        ${column((r) => r.languageCode ?? null)}::text[],
        ${column((r) => r.requestMessageId ?? null)}::bigint[]
      ) as asked(update_id, chat_id, user_id, prompt, kind, preview_id, base_version, regenerate, language_code, request_message_id)
      returning id, update_id, chat_id, user_id, prompt, status, attempts, kind, base_version, language_code, request_message_id, queue_seq
    ), boxed as (
      insert into outbox (job_id, payload) select id, jsonb_build_object('jobId', id) from new_jobs
    )
    select * from new_jobs`.execute(trx);
  return rows;
}

/** PostgreSQL text cannot hold U+0000; Telegram never sends it, a forged update might. */
const stripNul = (text: string) => text.replaceAll('\u0000', '');

/** One job: `enqueueJobs` for a single request. */
export async function enqueueJob(trx: Transaction<Database>, request: JobRequest): Promise<QueuedJob> {
  const [job] = await enqueueJobs(trx, [request]);
  return job!;
}
