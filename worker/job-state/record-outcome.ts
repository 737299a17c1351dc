import { sql, type Kysely } from 'kysely';
import type { Database, Job, NewJobAttempt } from '../../shared/db/schema.ts';
import { ProviderError, type AppError } from '../../shared/errors.ts';
import type { ProviderCall } from '../generate/provider.ts';

export interface AttemptFacts {
  /** Recorded as the provider when the attempt failed before any provider call. */
  provider: string;
  startedAt: Date;
  /** Every provider call of the attempt, in order: failover makes more than one. */
  calls: ProviderCall[];
}

export interface PublishedPreview {
  previewId: string;
  title: string;
  summary: string;
  expiresAt: Date;
}

/** Only the worker holding this attempt's lease may finish it (a late, presumed-dead worker may not). */
const stillOurs = (job: Job) => (eb: any) => eb.and([eb('id', '=', job.id), eb('status', '=', 'running'), eb('attempts', '=', job.attempts)]);

/**
 * The preview row, the attempt's calls and the job's `done` state commit together. The provider
 * that served is the last call's: failover stops at the first success.
 */
export async function recordSuccess(db: Kysely<Database>, job: Job, preview: PublishedPreview, facts: AttemptFacts): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('jobs')
      .set({
        status: 'done',
        preview_id: preview.previewId,
        provider: facts.calls.at(-1)?.provider ?? facts.provider,
        error: null,
        user_error: null,
        lease_until: null,
        finished_at: new Date(),
        updated_at: new Date(),
      })
      .where(stillOurs(job))
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) return false;
    await trx
      .insertInto('previews')
      .values({ id: preview.previewId, job_id: job.id, title: preview.title, summary: preview.summary, expires_at: preview.expiresAt })
      .execute();
    await trx.insertInto('job_attempts').values(attemptRows(job, facts)).execute();
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
  facts: AttemptFacts,
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
    await trx.insertInto('job_attempts').values(attemptRows(job, facts, error)).execute();
    return decision;
  });
}

export async function recordStatusMessage(db: Kysely<Database>, jobId: string, messageId: number): Promise<void> {
  await db.updateTable('jobs').set({ status_message_id: messageId }).where('id', '=', jobId).execute();
}

/**
 * One row per provider call, with what is known about it. A call's own error wins; a call that
 * produced a bundle carries the attempt's failure when a later step (sanitize, publish) failed.
 * An attempt that failed before calling any provider still gets one row.
 */
function attemptRows(job: Job, facts: AttemptFacts, failure?: AppError): NewJobAttempt[] {
  const calls: ProviderCall[] =
    facts.calls.length > 0
      ? facts.calls
      : [{ provider: facts.provider, model: '', startedAt: facts.startedAt, durationMs: Date.now() - facts.startedAt.getTime(), inputTokens: null, outputTokens: null, costUsd: null }];
  return calls.map((call) => {
    const error = call.error ?? failure;
    return {
      job_id: job.id,
      attempt: job.attempts,
      outcome: error ? 'failed' : 'succeeded',
      provider: call.provider,
      model: call.model || null,
      input_tokens: call.inputTokens,
      output_tokens: call.outputTokens,
      cost_usd: call.costUsd,
      provider_status: error instanceof ProviderError ? (error.status ?? null) : null,
      error_code: error?.code ?? null,
      error: error ? error.message.slice(0, 2000) : null,
      duration_ms: Math.round(call.durationMs),
      started_at: call.startedAt,
    };
  });
}
