import type { Api } from 'grammy';
import type { Kysely } from 'kysely';
import type { Config } from '../../shared/config/index.ts';
import type { Database, Job } from '../../shared/db/schema.ts';
import { asAppError, ProviderError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/log/index.ts';
import type { HandlerOutcome, JobHandler } from '../../shared/queue/index.ts';
import type { Provider } from '../generate/provider.ts';
import { SYSTEM_PROMPT_VERSION } from '../generate/system-prompt.ts';
import { claimJob } from '../job-state/claim-job.ts';
import { recordFailure, recordSuccess, type AttemptFacts } from '../job-state/record-outcome.ts';
import { writeBundle } from '../publish-bundle/write-bundle.ts';
import { deliverFinalMessage, reportWorking, type ChatDeps } from '../reply/chat-replies.ts';
import { createProgressReports } from '../reply/report-progress.ts';
import { sanitizeBundle } from '../sanitize/sanitize-bundle.ts';

export interface WorkerDeps {
  db: Kysely<Database>;
  /** The providers of AI_PROVIDER behind one port, failover included (createProvider). */
  provider: Provider;
  telegram: Api;
  log: Logger;
  config: Pick<Config, 'ai' | 'jobs' | 'preview'>;
  /** Aborted on shutdown: the provider call in flight stops and the job is retried elsewhere. */
  shutdown: AbortSignal;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * One queue message, start to finish — design.md's pipeline, one call per step:
 * claim → chat progress → provider (streamed into progress edits; parsed and validated there) →
 * sanitize → write bundle → mark done → reply with link.
 */
export function createJobHandler(deps: WorkerDeps): JobHandler {
  // One provider call may take AI_TIMEOUT_MS, and failover may try every provider in one attempt.
  const attemptMs = deps.config.ai.timeoutMs * Math.max(1, deps.config.ai.providers.length);
  const leaseMs = attemptMs + deps.config.jobs.leaseMarginMs;
  const chat: ChatDeps = { telegram: deps.telegram, db: deps.db, previewBaseUrl: deps.config.preview.baseUrl, previewHostMode: deps.config.preview.hostMode, replyClaimMs: leaseMs };

  const progressReports = createProgressReports(deps.telegram);

  return async ({ jobId }): Promise<HandlerOutcome> => {
    const claim = await claimJob(deps.db, jobId, leaseMs);
    if (claim.kind === 'missing') {
      deps.log.warn({ jobId }, 'message for an unknown job; dropped');
      return { action: 'ack' };
    }
    if (claim.kind === 'busy') return { action: 'retry', delayMs: claim.retryInMs };
    if (claim.kind === 'finished') return finish(claim.job, deps.log.child({ jobId }));

    const job = claim.job;
    const log = deps.log.child({ jobId, attempt: job.attempts });
    const facts: AttemptFacts = { provider: deps.provider.name, startedAt: new Date(), calls: [] };
    // Outside the try: reportWorking never throws (the status message is a courtesy).
    const progress = progressReports.start(job.chat_id, await reportWorking(chat, job, log), log);
    try {
      const generation = await deps.provider.generate(
        { prompt: job.prompt },
        {
          signal: AbortSignal.any([AbortSignal.timeout(attemptMs), deps.shutdown]),
          onProgress: progress.update,
          onCall: (call) => facts.calls.push(call),
        },
      );
      progress.stop();
      const bundle = sanitizeBundle(generation.bundle);
      const expiresAt = new Date(Date.now() + deps.config.preview.ttlDays * DAY_MS);
      const previewId = await writeBundle(deps.config.preview.dir, bundle, { expiresAt });
      const owned = await recordSuccess(deps.db, job, { previewId, title: bundle.title, summary: bundle.summary, expiresAt }, facts);
      if (!owned) return lostLease(log);
      log.info({ previewId, provider: generation.provider, model: generation.model, promptVersion: SYSTEM_PROMPT_VERSION }, 'site published');
      return finish({ ...job, status: 'done', preview_id: previewId }, log);
    } catch (thrown) {
      progress.stop();
      const error = asAppError(thrown);
      const decision = await recordFailure(deps.db, job, error, facts, deps.config.jobs.maxRetries);
      log.warn({ err: error, decision }, 'attempt failed');
      if (decision === 'lost-lease') return lostLease(log);
      if (decision === 'retry') return { action: 'retry', delayMs: retryDelayFor(error, deps.config.jobs.retryBaseDelayMs, job.attempts) };
      return finish({ ...job, status: 'failed', user_error: error.userMessage }, log);
    }
  };

  async function finish(job: Job, log: Logger): Promise<HandlerOutcome> {
    try {
      const pending = await deliverFinalMessage(chat, job.id, log);
      return pending ? { action: 'retry', delayMs: pending.retryInMs } : { action: 'ack' };
    } catch (error) {
      // The job is finished; only the chat message is owed. Try again shortly.
      log.warn({ err: error }, 'could not send the final message; will retry');
      return { action: 'retry', delayMs: deps.config.jobs.retryBaseDelayMs };
    }
  }
}

function lostLease(log: Logger): HandlerOutcome {
  log.warn('lease expired while working; another worker owns the job now');
  return { action: 'ack' };
}

/** base, 4×base, 16×base, … (matches the retry queues' tiers). */
export function retryDelayMs(baseMs: number, attempt: number): number {
  return baseMs * 4 ** Math.max(0, attempt - 1);
}

/** The back-off, but never sooner than the provider asked for (retry-after). */
function retryDelayFor(error: unknown, baseMs: number, attempt: number): number {
  const retryAfterMs = error instanceof ProviderError ? (error.retryAfterMs ?? 0) : 0;
  return Math.max(retryDelayMs(baseMs, attempt), retryAfterMs);
}
