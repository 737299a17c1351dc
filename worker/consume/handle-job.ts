import type { Api } from 'grammy';
import type { Kysely } from 'kysely';
import type { Config } from '../../shared/config/index.ts';
import type { Database, Job } from '../../shared/db/schema.ts';
import { asAppError, ProviderError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/log/index.ts';
import type { HandlerOutcome, JobHandler } from '../../shared/queue/index.ts';
import { parseAnswer } from '../generate/parse-answer.ts';
import type { Provider } from '../generate/provider.ts';
import { claimJob } from '../job-state/claim-job.ts';
import { recordFailure, recordSuccess } from '../job-state/record-outcome.ts';
import { writeBundle } from '../publish-bundle/write-bundle.ts';
import { deliverFinalMessage, reportWorking, type ChatDeps } from '../reply/chat-replies.ts';
import { sanitizeBundle } from '../sanitize/sanitize-bundle.ts';

export interface WorkerDeps {
  db: Kysely<Database>;
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
 * claim → chat progress → provider → parse → sanitize → write bundle → mark done → reply with link.
 */
export function createJobHandler(deps: WorkerDeps): JobHandler {
  const chat: ChatDeps = { telegram: deps.telegram, db: deps.db, previewBaseUrl: deps.config.preview.baseUrl };
  const leaseMs = deps.config.ai.timeoutMs + 60_000;

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
    const facts = { provider: deps.provider.name, startedAt: new Date() };
    try {
      await reportWorking(chat, job, log);
      const answer = await deps.provider.generate(job.prompt, { signal: AbortSignal.any([AbortSignal.timeout(deps.config.ai.timeoutMs), deps.shutdown]) });
      const bundle = sanitizeBundle(parseAnswer(answer.text));
      const previewId = await writeBundle(deps.config.preview.dir, bundle);
      const expiresAt = new Date(Date.now() + deps.config.preview.ttlDays * DAY_MS);
      const owned = await recordSuccess(deps.db, job, { previewId, title: bundle.title, summary: bundle.summary, expiresAt }, facts);
      if (!owned) return lostLease(log);
      log.info({ previewId, model: answer.model }, 'site published');
      return finish({ ...job, status: 'done', preview_id: previewId }, log);
    } catch (thrown) {
      const error = asAppError(thrown);
      const providerStatus = error instanceof ProviderError ? error.status : undefined;
      const decision = await recordFailure(deps.db, job, error, { ...facts, providerStatus }, deps.config.jobs.maxRetries);
      log.warn({ err: error, decision }, 'attempt failed');
      if (decision === 'lost-lease') return lostLease(log);
      if (decision === 'retry') return { action: 'retry', delayMs: retryDelayMs(deps.config.jobs.retryBaseDelayMs, job.attempts) };
      return finish({ ...job, status: 'failed', user_error: error.userMessage }, log);
    }
  };

  async function finish(job: Job, log: Logger): Promise<HandlerOutcome> {
    try {
      await deliverFinalMessage(chat, job, log);
      return { action: 'ack' };
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
