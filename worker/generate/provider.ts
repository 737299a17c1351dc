import type { Bundle } from '../../shared/bundle.ts';
import type { AppError } from '../../shared/errors.ts';

/** What to build: a new site from a description, or a revision of `previous`. */
export interface GenerateRequest {
  /** The user's words: the site to build, or (with `previous`) what to change. */
  prompt: string;
  /** The current bundle, for a revision: the model answers with the whole updated bundle. */
  previous?: Bundle;
}

/** How far a streamed answer has come, for the progress message in chat. */
export interface GenerationProgress {
  /** UTF-8 bytes of answer received so far in this call. */
  bytes: number;
  /** Section headings (`<h2>`) seen so far, in order. */
  sections: string[];
}

/**
 * One call to one provider, success or not, with what is known about it: failed calls carry what
 * the vendor reported before failing (tokens are null when it never said).
 */
export interface ProviderCall {
  provider: string;
  /** The model that answered as the vendor reports it, else the one we asked for. */
  model: string;
  startedAt: Date;
  durationMs: number;
  inputTokens: number | null;
  outputTokens: number | null;
  /** Estimated from the price table; null when tokens or the model's price are unknown. */
  costUsd: number | null;
  /** Why the call failed; undefined when it produced a bundle. */
  error?: AppError;
}

export interface GenerateOptions {
  /**
   * Aborts the call: timeout of the whole attempt, shutdown, and later /cancel. The stream is closed
   * and the promise rejects with a retryable ProviderError; a failover chain stops at once.
   */
  signal: AbortSignal;
  /** Called as the answer streams in (often: throttle before showing it anywhere). */
  onProgress?: (progress: GenerationProgress) => void;
  /** Called once per provider call when it ends, for the attempt log (tokens, latency, cost). */
  onCall?: (call: ProviderCall) => void;
}

/** A validated (not yet sanitized) bundle and who made it. */
export interface Generation {
  bundle: Bundle;
  /** The provider that served: with failover, not necessarily the first one. */
  provider: string;
  model: string;
}

/**
 * The port the worker needs from AI vendors: a request in, a validated bundle out. Adapters (and
 * the failover chain over them) throw ProviderError (retryable or not, with a user-facing reason)
 * or InvalidAnswerError — never a vendor SDK error.
 */
export interface Provider {
  readonly name: string;
  generate(request: GenerateRequest, options: GenerateOptions): Promise<Generation>;
}
