import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, Job, NewJobAttempt } from '../../shared/db/schema.ts';
import { ProviderError, type AppError } from '../../shared/errors.ts';
import { markCancelled, markDone, markFailed, markRetryLater, type AttemptFailure } from '../../shared/jobs/index.ts';
import type { ProviderCall } from '../generate/provider.ts';

export interface AttemptFacts {
  /** Recorded as the provider when the attempt failed before any provider call. */
  provider: string;
  startedAt: Date;
  /** Every provider call of the attempt, in order: failover makes more than one. */
  calls: ProviderCall[];
}

export interface PublishedVersion {
  previewId: string;
  version: number;
  /** Its files together, as stored. */
  bytes: number;
  title: string;
  summary: string;
  expiresAt: Date;
  /** The version this one copies (a restore). */
  restoredFrom: number | null;
}

/**
 * The version, its site's row (created with version 1, else moved on to the newest version and
 * kept online longer), the attempt's calls and the job's `done` state commit together. The
 * provider that served is the last call's: failover stops at the first success. False when the
 * job is no longer this attempt's (nothing is written then).
 */
export async function recordSuccess(
  db: Kysely<Database>,
  job: Job,
  preview: PublishedVersion,
  facts: AttemptFacts,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const provider = facts.calls.at(-1)?.provider ?? facts.provider;
    if (!(await markDone(trx, job, { previewId: preview.previewId, version: preview.version, provider }))) return false;
    await trx
      .insertInto('previews')
      .values({
        id: preview.previewId,
        job_id: job.id,
        title: preview.title,
        summary: preview.summary,
        expires_at: preview.expiresAt,
        latest_version: preview.version,
      })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          title: sql<string>`case when excluded.latest_version > previews.latest_version then excluded.title else previews.title end`,
          summary: sql<string>`case when excluded.latest_version > previews.latest_version then excluded.summary else previews.summary end`,
          latest_version: sql<number>`greatest(previews.latest_version, excluded.latest_version)`,
          expires_at: sql<Date>`greatest(previews.expires_at, excluded.expires_at)`,
          updated_at: sql<Date>`now()`,
        }),
      )
      .execute();
    await trx
      .insertInto('preview_versions')
      .values({
        preview_id: preview.previewId,
        version: preview.version,
        job_id: job.id,
        title: preview.title,
        summary: preview.summary,
        restored_from: preview.restoredFrom,
        bytes: preview.bytes,
      })
      .execute();
    if (facts.calls.length > 0 || job.kind !== 'restore') await insertAttempts(trx, job, facts);
    return true;
  });
}

/**
 * A delete job's `done` state, once its site is offline (no version, no provider call, so no
 * attempt row). False when the job is no longer this attempt's.
 */
export async function recordDeleted(db: Kysely<Database>, job: Job): Promise<boolean> {
  return db
    .transaction()
    .execute((trx) => markDone(trx, job, { previewId: job.preview_id!, version: null, provider: null }));
}

export type FailureDecision = 'retry' | 'failed' | 'lost-lease';

/**
 * Records a failed attempt and decides: a retryable error with attempts left puts the job back in
 * line (the caller schedules the delayed retry); anything else fails it for good.
 */
export async function recordFailure(
  db: Kysely<Database>,
  job: Job,
  error: AppError,
  facts: AttemptFacts,
  maxRetries: number,
): Promise<FailureDecision> {
  const decision = error.retryable && job.attempts < maxRetries ? 'retry' : 'failed';
  const failure: AttemptFailure = { error: `${error.code}: ${error.message}`, userError: error.userReason };
  return db.transaction().execute(async (trx) => {
    const owned = decision === 'retry' ? await markRetryLater(trx, job, failure) : await markFailed(trx, job, failure);
    if (!owned) return 'lost-lease';
    await insertAttempts(trx, job, facts, error);
    return decision;
  });
}

/**
 * Ends a job the user stopped with /cancel (or that can no longer reach its user): `cancelled`, no
 * final message owed; the provider calls it made are still recorded (their tokens were spent).
 */
export async function recordCancelled(
  db: Kysely<Database>,
  job: Job,
  facts: AttemptFacts,
  reason: AppError,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (!(await markCancelled(trx, job, `${reason.code}: ${reason.message}`))) return false;
    if (facts.calls.length > 0) await insertAttempts(trx, job, facts, reason);
    return true;
  });
}

async function insertAttempts(trx: Transaction<Database>, job: Job, facts: AttemptFacts, failure?: AppError) {
  await trx
    .insertInto('job_attempts')
    .values(attemptRows(job, facts, failure))
    .execute();
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
      : [
          {
            provider: facts.provider,
            model: '',
            startedAt: facts.startedAt,
            durationMs: Date.now() - facts.startedAt.getTime(),
            inputTokens: null,
            outputTokens: null,
            costUsd: null,
          },
        ];
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
