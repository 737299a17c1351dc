import { sql, type Kysely } from 'kysely';
import type { Database, JobStatus } from '../../shared/db/schema.ts';
import { z } from 'zod';
import { IMPACTS, isSerious, qualityFindingSchema } from '../../shared/previews/index.ts';
import { OpsError } from '../ops-errors.ts';

export interface JobFilter {
  status: JobStatus | undefined;
  chatId: number | undefined;
  limit: number;
}

/** created → finished, while the job is not finished: how long it has been going. */
const durationMs = sql<number>`round(extract(epoch from coalesce(finished_at, now()) - created_at) * 1000)::float8`;

/** The newest jobs first, optionally of one status and one chat. */
export async function listJobs(db: Kysely<Database>, filter: JobFilter) {
  let query = db
    .selectFrom('jobs')
    .select([
      'id',
      'status',
      'attempts',
      'chat_id as chatId',
      'created_at as createdAt',
      durationMs.as('durationMs'),
      'prompt',
      'error',
    ])
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(filter.limit);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.chatId !== undefined) query = query.where('chat_id', '=', filter.chatId);
  return query.execute();
}

/** Everything about one job: its row, every provider call, its preview and its outbox rows. */
export async function showJob(db: Kysely<Database>, jobId: string) {
  const job = await db
    .selectFrom('jobs')
    .select([
      'id',
      'status',
      'attempts',
      'chat_id as chatId',
      'user_id as userId',
      'update_id as updateId',
      'provider',
      'preview_id as previewId',
      'created_at as createdAt',
      'started_at as startedAt',
      'finished_at as finishedAt',
      durationMs.as('durationMs'),
      'lease_until as leaseUntil',
      'result_message_id as resultMessageId',
      'error',
      'user_error as userError',
      'prompt',
    ])
    .where('id', '=', jobId)
    .executeTakeFirst();
  if (!job) throw new OpsError(`no job ${jobId}`);

  const attempts = await db
    .selectFrom('job_attempts')
    .select([
      'attempt',
      'outcome',
      'provider',
      'model',
      'input_tokens as inputTokens',
      'output_tokens as outputTokens',
      'cost_usd as costUsd',
      'duration_ms as durationMs',
      'started_at as startedAt',
      'error_code as errorCode',
      'error',
    ])
    .where('job_id', '=', jobId)
    .orderBy('id')
    .execute();
  const preview = await db
    .selectFrom('previews')
    .select(['id', 'title', 'created_at as createdAt', 'expires_at as expiresAt', 'deleted_at as deletedAt'])
    .where('job_id', '=', jobId)
    .executeTakeFirst();
  const outbox = await db
    .selectFrom('outbox')
    .select(['id', 'created_at as createdAt', 'published_at as publishedAt', 'publish_attempts as publishAttempts'])
    .where('job_id', '=', jobId)
    .orderBy('id')
    .execute();
  return { job, attempts, preview: preview ?? null, quality: await qualityOf(db, jobId), outbox };
}

/**
 * The renderer's quality check of the version the job published: axe-core's findings at phone
 * width (worst first) and sideways scrolling; null when no renderer checked it.
 */
async function qualityOf(db: Kysely<Database>, jobId: string) {
  const row = await db
    .selectFrom('preview_versions')
    .select(['version', 'quality_checked_at', 'quality_findings', 'quality_sideways_px'])
    .where('job_id', '=', jobId)
    .where('quality_checked_at', 'is not', null)
    .executeTakeFirst();
  if (!row) return null;
  const findings = z.array(qualityFindingSchema).parse(row.quality_findings ?? []);
  const rank = (impact: string) => IMPACTS.indexOf(impact as (typeof IMPACTS)[number]);
  const worstFirst = findings.sort((a, b) => rank(b.impact) - rank(a.impact));
  return {
    version: row.version,
    checkedAt: row.quality_checked_at,
    sidewaysPx: row.quality_sideways_px,
    seriousOrCritical: findings.filter(isSerious).length,
    findings: worstFirst.map((f) => `${f.rule} (${f.impact}, ${f.elements})`).join('; ') || 'none',
  };
}
