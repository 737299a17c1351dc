import type { Api } from 'grammy';
import type { Kysely } from 'kysely';
import type { Bundle } from '../../shared/bundle.ts';
import type { Config } from '../../shared/config/index.ts';
import type { Database, Job } from '../../shared/db/schema.ts';
import { asAppError, CancelledError, ProviderError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/log/index.ts';
import type { PreviewStorage } from '../../shared/previews/index.ts';
import type { HandlerOutcome, JobHandler } from '../../shared/queue/index.ts';
import { isBotBlocked } from '../../shared/telegram/bot-blocked.ts';
import { wordsFor } from '../../shared/telegram/words/index.ts';
import type { Provider } from '../generate/provider.ts';
import { SYSTEM_PROMPT_VERSION } from '../generate/system-prompt.ts';
import { claimJob } from '../job-state/claim-job.ts';
import { recordCancelled, recordFailure, recordSuccess, type AttemptFacts } from '../job-state/record-outcome.ts';
import { watchCancellation } from '../job-state/watch-cancellation.ts';
import { publishVersion } from '../publish-bundle/publish-version.ts';
import { deliverFinalMessage, type ChatDeps } from '../reply/chat-replies.ts';
import { keepTyping } from '../reply/keep-typing.ts';
import { createStatusEdits, type StatusEdits } from '../reply/status-edits.ts';
import { sanitizeBundle } from '../sanitize/sanitize-bundle.ts';
import { loadVersion } from './load-version.ts';

export interface WorkerDeps {
  db: Kysely<Database>;
  /** The providers of AI_PROVIDER behind one port, failover included (createProvider). */
  provider: Provider;
  telegram: Api;
  /** Where versions are published and read back (revisions, restores). */
  storage: PreviewStorage;
  log: Logger;
  config: Pick<Config, 'ai' | 'jobs' | 'preview'>;
  /** Aborted on shutdown: the provider call in flight stops and the job is retried elsewhere. */
  shutdown: AbortSignal;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * One queue message, start to finish — design.md's pipeline, one call per step:
 * claim → typing + status "generating" → the bundle (provider, streamed into status edits; for a
 * revision from the previous version; a restore copies a version and spends no tokens) → sanitize
 * ("checking") → publish the next version ("publishing") → mark done → reply with link and buttons.
 * /cancel aborts the provider call and ends the job `cancelled`.
 */
export function createJobHandler(deps: WorkerDeps): JobHandler {
  // One provider call may take AI_TIMEOUT_MS, and failover may try every provider in one attempt.
  const attemptMs = deps.config.ai.timeoutMs * Math.max(1, deps.config.ai.providers.length);
  const leaseMs = attemptMs + deps.config.jobs.leaseMarginMs;
  const chat: ChatDeps = {
    telegram: deps.telegram,
    db: deps.db,
    previewBaseUrl: deps.config.preview.baseUrl,
    previewHostMode: deps.config.preview.hostMode,
    replyClaimMs: leaseMs,
  };
  const statusEdits = createStatusEdits(deps.telegram);

  return async ({ jobId }): Promise<HandlerOutcome> => {
    const claim = await claimJob(deps.db, jobId, leaseMs);
    if (claim.kind === 'missing') {
      deps.log.warn({ jobId }, 'message for an unknown job; dropped');
      return { action: 'ack' };
    }
    if (claim.kind === 'busy') return { action: 'retry', delayMs: claim.retryInMs };
    if (claim.kind === 'finished') return finish(claim.job, deps.log.child({ jobId }));

    const job = claim.job;
    const log = deps.log.child({ jobId, attempt: job.attempts, kind: job.kind });
    const facts: AttemptFacts = { provider: deps.provider.name, startedAt: new Date(), calls: [] };
    const words = wordsFor(job.language_code);
    const status = statusEdits.start(job.chat_id, statusMessageOf(deps.db, job), log);
    const stopTyping = keepTyping(deps.telegram, job.chat_id);
    const cancellation = watchCancellation(deps.db, job.id);
    try {
      if (await isBotBlocked(deps.db, job.chat_id)) throw new CancelledError('the user blocked the bot');
      const bundle = await produceBundle(
        job,
        status,
        AbortSignal.any([AbortSignal.timeout(attemptMs), deps.shutdown, cancellation.signal]),
        facts,
      );
      // A /cancel that came after the provider answered still wins over publishing.
      if (cancellation.requested) throw new CancelledError('cancelled by the user');
      status.show(words.status.checking());
      const safe = job.kind === 'restore' ? bundle : sanitizeBundle(bundle);
      status.show(words.status.publishing());
      const expiresAt = new Date(Date.now() + deps.config.preview.ttlDays * DAY_MS);
      const { previewId, version } = await publishVersion(deps.storage, safe, {
        previewId: job.preview_id ?? undefined,
        expiresAt,
      });
      const restoredFrom = job.kind === 'restore' ? job.base_version : null;
      const owned = await recordSuccess(
        deps.db,
        job,
        { previewId, version, title: safe.title, summary: safe.summary, expiresAt, restoredFrom },
        facts,
      );
      if (!owned) return lostLease(log);
      log.info(
        {
          previewId,
          version,
          provider: facts.calls.at(-1)?.provider,
          model: facts.calls.at(-1)?.model,
          promptVersion: SYSTEM_PROMPT_VERSION,
        },
        'site published',
      );
      return finish({ ...job, status: 'done', preview_id: previewId, version }, log, status);
    } catch (thrown) {
      const error = cancellation.requested
        ? new CancelledError('cancelled by the user', { cause: thrown })
        : asAppError(thrown);
      if (error instanceof CancelledError) return cancelled(job, facts, error, log, status);
      const decision = await recordFailure(deps.db, job, error, facts, deps.config.jobs.maxRetries);
      log.warn({ err: error, decision }, 'attempt failed');
      if (decision === 'lost-lease') return lostLease(log);
      if (decision === 'retry')
        return { action: 'retry', delayMs: retryDelayFor(error, deps.config.jobs.retryBaseDelayMs, job.attempts) };
      return finish({ ...job, status: 'failed', user_error: error.userReason }, log, status);
    } finally {
      status.stop();
      stopTyping();
      cancellation.stop();
    }
  };

  /** The site to publish: the provider's answer (from the previous version for a revision), or a restored version. */
  async function produceBundle(
    job: Job,
    status: StatusEdits,
    signal: AbortSignal,
    facts: AttemptFacts,
  ): Promise<Bundle> {
    const words = wordsFor(job.language_code);
    const previous =
      job.kind === 'create' ? undefined : await loadVersion(deps.db, deps.storage, job.preview_id, job.base_version);
    if (job.kind === 'restore') return previous!;
    status.show(words.status.generating());
    const generation = await deps.provider.generate(
      { prompt: job.prompt, previous },
      {
        signal,
        onProgress: (progress) => status.show(words.status.progress(progress.bytes, progress.sections)),
        onCall: (call) => facts.calls.push(call),
      },
    );
    return generation.bundle;
  }

  async function cancelled(
    job: Job,
    facts: AttemptFacts,
    reason: CancelledError,
    log: Logger,
    status: StatusEdits,
  ): Promise<HandlerOutcome> {
    status.stop();
    if (!(await recordCancelled(deps.db, job, facts, reason))) return lostLease(log);
    log.info({ reason: reason.message }, 'job cancelled');
    const messageId = await statusMessageOf(deps.db, job)();
    if (messageId !== null && !(await isBotBlocked(deps.db, job.chat_id))) {
      await deps.telegram
        .editMessageText(job.chat_id, messageId, wordsFor(job.language_code).status.cancelled())
        .catch((error: unknown) => log.warn({ err: error }, 'could not edit the status message'));
    }
    return { action: 'ack' };
  }

  async function finish(job: Job, log: Logger, status?: StatusEdits): Promise<HandlerOutcome> {
    // The final message replaces the status message: no stage edit may land after it.
    status?.stop();
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

/** The job's status message id: known at claim, or looked up again (the api's acknowledgement may still be in flight). */
function statusMessageOf(db: Kysely<Database>, job: Job): () => Promise<number | null> {
  let known = job.status_message_id;
  return async () => {
    if (known !== null) return known;
    const row = await db.selectFrom('jobs').select('status_message_id').where('id', '=', job.id).executeTakeFirst();
    known = row?.status_message_id ?? null;
    return known;
  };
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
