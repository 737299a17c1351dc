import type { Api } from 'grammy';
import type { Kysely } from 'kysely';
import type { Bundle } from '../../shared/bundle.ts';
import type { Config } from '../../shared/config/index.ts';
import type { Database, Job } from '../../shared/db/schema.ts';
import { asAppError, CancelledError, ProviderError, type AppError } from '../../shared/errors.ts';
import { claimJob, renewLease, type Claim } from '../../shared/jobs/index.ts';
import { startHeartbeat, type Heartbeat } from '../../shared/jobs/heartbeat.ts';
import { deliverFinalMessage, type ChatDeps } from '../../shared/jobs/deliver-final-message.ts';
import type { Logger } from '../../shared/log/index.ts';
import { deletePreview, pruneVersions, type PreviewStorage } from '../../shared/previews/index.ts';
import type { HandlerOutcome, JobHandler, JobQueue } from '../../shared/queue/index.ts';
import { wordsFor, type Words } from '../../shared/telegram/words/index.ts';
import type { Provider } from '../generate/provider.ts';
import { SYSTEM_PROMPT_VERSION } from '../generate/system-prompt.ts';
import {
  recordCancelled,
  recordDeleted,
  recordFailure,
  recordSuccess,
  type AttemptFacts,
  type PublishedVersion,
} from '../job-state/record-outcome.ts';
import { watchCancellation } from '../job-state/watch-cancellation.ts';
import { checkStorageRoom } from '../publish-bundle/check-storage-room.ts';
import { bundleStoredBytes, publishVersion } from '../publish-bundle/publish-version.ts';
import { keepTyping } from '../reply/keep-typing.ts';
import { createPictureWait } from '../reply/wait-for-picture.ts';
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
  config: Pick<Config, 'ai' | 'jobs' | 'preview' | 'quotas' | 'renderer'>;
  /** Aborted on shutdown: the provider call in flight stops and the job is retried elsewhere. */
  shutdown: AbortSignal;
  /** The render queue (the renderer role sends a finished site's message with its picture); unset: the link goes at once. */
  renders?: JobQueue;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** One attempt at a job, and everything that runs alongside it until it ends. */
interface Attempt {
  job: Job;
  log: Logger;
  /** The user's words, resolved once for the whole attempt. */
  words: Words;
  facts: AttemptFacts;
  status: StatusEdits;
  /** Aborts the provider call: the attempt's time is up, shutdown, /cancel, or the lease was lost. */
  signal: AbortSignal;
  cancellation: ReturnType<typeof watchCancellation>;
  heartbeat: Heartbeat;
  /** Stops typing, status edits, the cancellation watch and the heartbeat. */
  end(): void;
}

/**
 * One queue message, start to finish — the pipeline of docs/architecture.md, one named step each:
 * claim (waiting out the lease of a worker that died) → start the attempt (typing, status
 * "generating", a heartbeat renewing the lease) → the bundle (provider, streamed into status edits;
 * a revision starts from the previous version, a restore copies one and spends no tokens) →
 * sanitize ("checking") → publish the next version ("publishing") → mark done → reply with the link.
 * A delete job takes its site offline instead (deleteSiteAndReply). /cancel aborts the provider
 * call and ends the job `cancelled`; any failure is recorded and retried or told to the user.
 */
export function createJobHandler(deps: WorkerDeps): JobHandler {
  // One provider call may take AI_TIMEOUT_MS, and failover may try every provider in one attempt.
  const attemptMs = deps.config.ai.timeoutMs * Math.max(1, deps.config.ai.providers.length);
  const leaseMs = deps.config.jobs.leaseMs;
  const chat: ChatDeps = {
    telegram: deps.telegram,
    db: deps.db,
    previewBaseUrl: deps.config.preview.baseUrl,
    previewHostMode: deps.config.preview.hostMode,
    replyClaimMs: leaseMs,
  };
  const statusEdits = createStatusEdits(deps.telegram);
  const msToWaitForPicture = createPictureWait({
    db: deps.db,
    renders: deps.renders,
    deadlineMs: deps.config.renderer.deadlineMs,
  });

  return async ({ jobId }): Promise<HandlerOutcome> => {
    const claim = await claimOnceFree(jobId);
    if (claim.kind === 'missing') return dropUnknownJob(jobId);
    if (claim.kind === 'busy') return { action: 'retry', delayMs: leaseMs };
    if (claim.kind === 'finished') return finish(claim.job, deps.log.child({ jobId }));

    const attempt = startAttempt(claim.job);
    try {
      if (claim.chatBlocked) throw new CancelledError('the user blocked the bot');
      if (attempt.job.kind === 'delete') return await deleteSiteAndReply(attempt);
      const bundle = await produceBundle(attempt);
      stopIfCancelled(attempt);
      const safe = checkBundle(attempt, bundle);
      const published = await publish(attempt, safe);
      return await markDoneAndReply(attempt, published);
    } catch (thrown) {
      return await recordFailedAttempt(attempt, thrown);
    } finally {
      attempt.end();
    }
  };

  /**
   * Claims the job. When another worker holds it, the message may be a redelivery from a worker that
   * died (its connection dropped): its lease lapses within one lease length, as it is no longer
   * renewed, so wait for that once and take the job over then, instead of minutes later.
   */
  async function claimOnceFree(jobId: string): Promise<Claim> {
    const claim = await claimJob(deps.db, jobId, leaseMs);
    if (claim.kind !== 'busy' || deps.shutdown.aborted) return claim;
    const lapsed = await sleep(Math.min(claim.leaseLeftMs, leaseMs) + 100, deps.shutdown);
    return lapsed ? claimJob(deps.db, jobId, leaseMs) : claim;
  }

  function dropUnknownJob(jobId: string): HandlerOutcome {
    deps.log.warn({ jobId }, 'message for an unknown job; dropped');
    return { action: 'ack' };
  }

  function startAttempt(job: Job): Attempt {
    const log = deps.log.child({ jobId: job.id, attempt: job.attempts, kind: job.kind });
    const heartbeat = startHeartbeat(() => renewLease(deps.db, job, leaseMs), { everyMs: leaseMs / 3, log });
    const cancellation = watchCancellation(deps.db, job.id);
    const status = statusEdits.start(job.chat_id, statusMessageOf(deps.db, job), log);
    const stopTyping = keepTyping(deps.telegram, job.chat_id);
    return {
      job,
      log,
      words: wordsFor(job.language_code),
      facts: { provider: deps.provider.name, startedAt: new Date(), calls: [] },
      status,
      signal: AbortSignal.any([AbortSignal.timeout(attemptMs), deps.shutdown, cancellation.signal, heartbeat.signal]),
      cancellation,
      heartbeat,
      end() {
        status.stop();
        stopTyping();
        cancellation.stop();
        heartbeat.stop();
      },
    };
  }

  /** The site to publish: the provider's answer (from the previous version for a revision), or a restored version. */
  async function produceBundle({ job, status, words, signal, facts }: Attempt): Promise<Bundle> {
    // A user with no room left gets the answer at once, before any tokens are spent.
    await checkStorageRoom(deps.db, job, 0, deps.config.quotas.storageBytes);
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

  /** A /cancel that came after the provider answered still wins over publishing. */
  function stopIfCancelled({ cancellation }: Attempt): void {
    if (cancellation.requested) throw new CancelledError('cancelled by the user');
  }

  /** The sanitizer's verdict; a restore republishes a version that was checked when it was made. */
  function checkBundle({ job, status, words }: Attempt, bundle: Bundle): Bundle {
    status.show(words.status.checking());
    return job.kind === 'restore' ? bundle : sanitizeBundle(bundle);
  }

  /** Publishes the version, once it fits in the owner's storage (nothing is written when it does not). */
  async function publish({ job, status, words }: Attempt, safe: Bundle): Promise<PublishedVersion> {
    status.show(words.status.publishing());
    await checkStorageRoom(deps.db, job, bundleStoredBytes(safe), deps.config.quotas.storageBytes);
    const expiresAt = new Date(Date.now() + deps.config.preview.ttlDays * DAY_MS);
    const { previewId, version, bytes } = await publishVersion(deps.storage, safe, {
      previewId: job.preview_id ?? undefined,
      expiresAt,
    });
    const restoredFrom = job.kind === 'restore' ? job.base_version : null;
    return { previewId, version, bytes, title: safe.title, summary: safe.summary, expiresAt, restoredFrom };
  }

  /**
   * Holds the site to PREVIEW_MAX_VERSIONS once its new version is recorded, before the final
   * message lists the versions. A failure leaves the extra versions to the sweep.
   */
  async function pruneOldVersions({ log }: Attempt, { previewId }: PublishedVersion): Promise<void> {
    try {
      const removed = await pruneVersions({
        db: deps.db,
        storage: deps.storage,
        previewId,
        maxVersions: deps.config.preview.maxVersions,
      });
      if (removed.length > 0) log.info({ previewId, removed }, 'oldest versions removed');
    } catch (error) {
      log.warn({ err: error, previewId }, 'could not remove old versions; the sweep will');
    }
  }

  async function markDoneAndReply(attempt: Attempt, published: PublishedVersion): Promise<HandlerOutcome> {
    const { job, log, facts } = attempt;
    if (!(await recordSuccess(deps.db, job, published, facts))) return lostLease(log);
    await pruneOldVersions(attempt, published);
    const call = facts.calls.at(-1);
    log.info(
      {
        previewId: published.previewId,
        version: published.version,
        provider: call?.provider,
        model: call?.model,
        promptVersion: SYSTEM_PROMPT_VERSION,
      },
      'site published',
    );
    const done: Job = { ...job, status: 'done', preview_id: published.previewId, version: published.version };
    return finish(done, log, attempt.status);
  }

  /**
   * A confirmed 🗑 Delete: the site goes offline as `ops preview delete` takes it (row marked,
   * tombstone, files), then the job is done and the user told. A redelivery repeats the delete
   * harmlessly, or, once the job is done, only owes the message.
   */
  async function deleteSiteAndReply(attempt: Attempt): Promise<HandlerOutcome> {
    const { job, log, status } = attempt;
    // The status message already says so (acknowledgeJob): nothing to show on the way.
    const deleted = await deletePreview(deps.db, deps.storage, job.preview_id!);
    if (!(await recordDeleted(deps.db, job))) return lostLease(log);
    log.info({ previewId: job.preview_id, filesRemoved: deleted?.filesRemoved ?? false }, 'site deleted by its user');
    return finish({ ...job, status: 'done' }, log, status);
  }

  /** A cancellation ends the job; any other failure is recorded, then retried later or told to the user. */
  async function recordFailedAttempt(attempt: Attempt, thrown: unknown): Promise<HandlerOutcome> {
    const { job, log, facts } = attempt;
    const error = attempt.cancellation.requested
      ? new CancelledError('cancelled by the user', { cause: thrown })
      : asAppError(thrown);
    if (error instanceof CancelledError) return cancelled(attempt, error);
    const decision = await recordFailure(deps.db, job, error, facts, deps.config.jobs.maxRetries);
    log.warn({ err: error, decision }, 'attempt failed');
    if (decision === 'lost-lease') return lostLease(log);
    if (decision === 'retry') return { action: 'retry', delayMs: retryDelayFor(error, job.attempts) };
    return finish({ ...job, status: 'failed', user_error: error.userReason }, log, attempt.status);
  }

  /** Ends the job `cancelled`; the status message says so, unless the user blocked the bot. */
  async function cancelled(attempt: Attempt, reason: CancelledError): Promise<HandlerOutcome> {
    const { job, log, status, words } = attempt;
    status.stop();
    if (!(await recordCancelled(deps.db, job, attempt.facts, reason))) return lostLease(log);
    log.info({ reason: reason.message }, 'job cancelled');
    if (!attempt.cancellation.requested) return { action: 'ack' };
    const messageId = await statusMessageOf(deps.db, job)();
    if (messageId !== null) {
      await deps.telegram
        .editMessageText(job.chat_id, messageId, words.status.cancelled())
        .catch((error: unknown) => log.warn({ err: error }, 'could not edit the status message'));
    }
    return { action: 'ack' };
  }

  async function finish(job: Job, log: Logger, status?: StatusEdits): Promise<HandlerOutcome> {
    // The final message replaces the status message: no stage edit may land after it.
    status?.stop();
    try {
      // With a renderer, it sends the message (with a picture of the page); this message comes back
      // at its deadline and sends the link alone if the renderer has not.
      const waitMs = await msToWaitForPicture(job, log);
      if (waitMs > 0) return { action: 'retry', delayMs: waitMs };
      const pending = await deliverFinalMessage(chat, job.id, log);
      return pending ? { action: 'retry', delayMs: pending.retryInMs } : { action: 'ack' };
    } catch (error) {
      // The job is finished; only the chat message is owed. Try again shortly.
      log.warn({ err: error }, 'could not send the final message; will retry');
      return { action: 'retry', delayMs: deps.config.jobs.retryBaseDelayMs };
    }
  }

  /** The back-off, but never sooner than the provider asked for (retry-after). */
  function retryDelayFor(error: AppError, attempt: number): number {
    const retryAfterMs = error instanceof ProviderError ? (error.retryAfterMs ?? 0) : 0;
    return Math.max(retryDelayMs(deps.config.jobs.retryBaseDelayMs, attempt), retryAfterMs);
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
  log.warn('lease lost while working; another worker owns the job now');
  return { action: 'ack' };
}

/** base, 4×base, 16×base, … (matches the retry queues' tiers). */
export function retryDelayMs(baseMs: number, attempt: number): number {
  return baseMs * 4 ** Math.max(0, attempt - 1);
}

/** Resolves true after `ms`, or false at once when `signal` aborts first. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (slept: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', aborted);
      resolve(slept);
    };
    const aborted = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener('abort', aborted);
  });
}
