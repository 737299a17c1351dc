import { failureReasons, type FailureReason } from './telegram/words/index.ts';

/**
 * One class per failure kind. `message` is for operators (never a secret); `userReason` names the
 * plain-words explanation shown in chat (in the user's language, shared/telegram/words), stored
 * with the job; `retryable` decides between a delayed retry and parking the job as failed.
 */
export abstract class AppError extends Error {
  abstract readonly code: string;
  abstract readonly retryable: boolean;
  abstract readonly userReason: FailureReason;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }

  /** The reason in English, e.g. for operators' tools. */
  get userMessage(): string {
    return failureReasons[this.userReason];
  }
}

/** The AI provider failed: network, timeout, rate limit, 5xx (retryable) or a refusal/4xx (not). */
export class ProviderError extends AppError {
  readonly code = 'provider_failed';
  readonly userReason: FailureReason;
  /** HTTP status the provider answered with, when it answered at all. */
  readonly status: number | undefined;
  /** How long the provider asked us to wait (retry-after, RetryInfo), in ms; the next try waits at least this. */
  readonly retryAfterMs: number | undefined;
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown; status?: number; reason?: FailureReason; retryAfterMs?: number },
  ) {
    super(message, options);
    this.status = options?.status;
    this.retryAfterMs = options?.retryAfterMs;
    this.userReason = options?.reason ?? 'unavailable';
  }
}

/** The provider answered, but not with anything that can become a site. A new try may do better. */
export class InvalidAnswerError extends AppError {
  readonly code = 'invalid_answer';
  readonly retryable = true;
  readonly userReason = 'invalidAnswer';
}

/** The bundle breaks the publishing rules, or active content survived sanitizing. Never published. */
export class UnsafeBundleError extends AppError {
  readonly code = 'unsafe_bundle';
  readonly retryable = true;
  readonly userReason: FailureReason;
  constructor(message: string, options?: { cause?: unknown; reason?: FailureReason }) {
    super(message, options);
    this.userReason = options?.reason ?? 'unsafe';
  }
}

/**
 * The site would publish more than the bundle limit (2 MiB), counted while it is built: images and
 * stylesheets inlined into pages, or an answer that is larger than any site may be. Final: the same
 * request would only inflate again, so the provider is not asked twice.
 */
export class BundleTooBigError extends AppError {
  readonly code = 'bundle_too_big';
  readonly retryable = false;
  readonly userReason = 'tooBigOnceBuilt';
}

/**
 * Publishing would take the site's owner past QUOTA_STORAGE_MB. Final: asking again changes nothing
 * until the user has room, which the message tells them how to make. Nothing is published.
 */
export class StorageFullError extends AppError {
  readonly code = 'storage_full';
  readonly retryable = false;
  readonly userReason = 'storageFull';
}

/** Turns anything thrown into an AppError, so handlers deal with one shape. Unknown errors retry. */
export function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new UnexpectedError(error instanceof Error ? error.message : String(error), { cause: error });
}

export class UnexpectedError extends AppError {
  readonly code = 'unexpected';
  readonly retryable = true;
  readonly userReason = 'internal';
}

/** The job stopped without a result on purpose: /cancel, or a user who blocked the bot. Never shown. */
export class CancelledError extends AppError {
  readonly code = 'cancelled';
  readonly retryable = false;
  readonly userReason = 'internal';
}
