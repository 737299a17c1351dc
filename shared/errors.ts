/**
 * One class per failure kind. `message` is for operators (never a secret), `userMessage` is safe to
 * show in chat, `retryable` decides between a delayed retry and parking the job as failed.
 */
export abstract class AppError extends Error {
  abstract readonly code: string;
  abstract readonly retryable: boolean;
  abstract readonly userMessage: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The AI provider failed: network, timeout, rate limit, 5xx (retryable) or a refusal/4xx (not). */
export class ProviderError extends AppError {
  readonly code = 'provider_failed';
  readonly userMessage: string;
  /** HTTP status the provider answered with, when it answered at all. */
  readonly status: number | undefined;
  /** How long the provider asked us to wait (retry-after, RetryInfo), in ms; the next try waits at least this. */
  readonly retryAfterMs: number | undefined;
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown; status?: number; userMessage?: string; retryAfterMs?: number },
  ) {
    super(message, options);
    this.status = options?.status;
    this.retryAfterMs = options?.retryAfterMs;
    this.userMessage = options?.userMessage ?? 'The site generator is not answering right now.';
  }
}

/** The provider answered, but not with anything that can become a site. A new try may do better. */
export class InvalidAnswerError extends AppError {
  readonly code = 'invalid_answer';
  readonly retryable = true;
  readonly userMessage = 'The generator returned something that is not a usable web page.';
}

/** The bundle breaks the publishing rules, or active content survived sanitizing. Never published. */
export class UnsafeBundleError extends AppError {
  readonly code = 'unsafe_bundle';
  readonly retryable = true;
  readonly userMessage: string;
  constructor(message: string, options?: { cause?: unknown; userMessage?: string }) {
    super(message, options);
    this.userMessage = options?.userMessage ?? 'The generated page did not pass our safety checks.';
  }
}

/** Turns anything thrown into an AppError, so handlers deal with one shape. Unknown errors retry. */
export function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new UnexpectedError(error instanceof Error ? error.message : String(error), { cause: error });
}

export class UnexpectedError extends AppError {
  readonly code = 'unexpected';
  readonly retryable = true;
  readonly userMessage = 'Something went wrong on our side.';
}
