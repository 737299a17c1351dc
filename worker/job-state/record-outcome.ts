import { sql, type Kysely } from 'kysely';
import type { Database, Job } from '../../shared/db/schema.ts';
import type { AppError } from '../../shared/errors.ts';

export interface AttemptFacts {
  provider: string;
  startedAt: Date;
}

export interface PublishedPreview {
  previewId: string;
  title: string;
  summary: string;
  expiresAt: Date;
}

/** Only the worker holding this attempt's lease may finish it (a late, presumed-dead worker may not). */
const stillOurs = (job: Job) => (eb: any) => eb.and([eb('id', '=', job.id), eb('status', '=', 'running'), eb('attempts', '=', job.attempts)]);

/** The preview row, the attempt and the job's `done` state commit together. */
export async function recordSuccess(db: Kysely<Database>, job: Job, preview: PublishedPreview, facts: AttemptFacts): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('jobs')
      .set({ status: 'done', preview_id: preview.previewId, error: null, user_error: null, lease_until: null, finished_at: new Date(), updated_at: new Date() })
      .where(stillOurs(job))
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) return false;
    await trx
      .insertInto('previews')
      .values({ id: preview.previewId, job_id: job.id, title: preview.title, summary: preview.summary, expires_at: preview.expiresAt })
      .execute();
    await trx.insertInto('job_attempts').values(attemptRow(job, facts, 'succeeded')).execute();
    return true;
  });
}

export type FailureDecision = 'retry' | 'failed' | 'lost-lease';

/**
 * Records a failed attempt and decides: a retryable error with attempts left puts the job back to
 * `queued` (the caller schedules the delayed retry); anything else parks it as `failed`.
 */
export async function recordFailure(
  db: Kysely<Database>,
  job: Job,
  error: AppError,
  facts: AttemptFacts & { providerStatus?: number },
  maxRetries: number,
): Promise<FailureDecision> {
  const decision = error.retryable && job.attempts < maxRetries ? 'retry' : 'failed';
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('jobs')
      .set({
        status: decision === 'retry' ? 'queued' : 'failed',
        error: `${error.code}: ${error.message}`.slice(0, 2000),
        user_error: error.userMessage,
        lease_until: null,
        finished_at: decision === 'failed' ? new Date() : null,
        updated_at: sql<Date>`now()`,
      })
      .where(stillOurs(job))
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) return 'lost-lease';
    await trx
      .insertInto('job_attempts')
      .values({ ...attemptRow(job, facts, 'failed'), provider_status: facts.providerStatus ?? null, error_code: error.code, error: error.message.slice(0, 2000) })
      .execute();
    return decision;
  });
}

/** Remembers which message carried the final answer, so it is never sent twice. */
export async function recordResultMessage(db: Kysely<Database>, jobId: string, messageId: number): Promise<void> {
  await db.updateTable('jobs').set({ result_message_id: messageId, updated_at: sql<Date>`now()` }).where('id', '=', jobId).execute();
}

export async function recordStatusMessage(db: Kysely<Database>, jobId: string, messageId: number): Promise<void> {
  await db.updateTable('jobs').set({ status_message_id: messageId }).where('id', '=', jobId).execute();
}

function attemptRow(job: Job, facts: AttemptFacts, outcome: 'succeeded' | 'failed') {
  return {
    job_id: job.id,
    attempt: job.attempts,
    outcome,
    provider: facts.provider,
    duration_ms: Date.now() - facts.startedAt.getTime(),
    started_at: facts.startedAt,
  };
}
