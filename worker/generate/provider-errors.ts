import { AppError, InvalidAnswerError, ProviderError } from '../../shared/errors.ts';

/**
 * Turns whatever a vendor SDK threw into our error kinds. Vendor-neutral on purpose: both SDKs put
 * the HTTP status on `error.status`, and everything without a status is a transport problem.
 *
 * What must stay true: no API key in any message or cause (OpenAI echoes part of a wrong key in its
 * 401 body, and pino appends cause messages to logged errors), and no vendor name in a userMessage.
 */

/** Where an operator fixes a provider's key, model or endpoint (the AI_* ones apply to the first provider). */
const VARIABLES: Record<string, { key: string; endpoint: string }> = {
  openai: { key: 'OPENAI_API_KEY (or AI_API_KEY)', endpoint: 'OPENAI_MODEL/OPENAI_BASE_URL (or AI_MODEL/AI_BASE_URL)' },
  gemini: { key: 'GEMINI_API_KEY (or AI_API_KEY)', endpoint: 'GEMINI_MODEL/GEMINI_BASE_URL (or AI_MODEL/AI_BASE_URL)' },
};
const variablesOf = (provider: string) =>
  VARIABLES[provider] ?? { key: 'AI_API_KEY', endpoint: 'AI_MODEL and AI_BASE_URL' };

/** A retry-after beyond this is treated as this: the job queue's longest delay is shorter anyway. */
const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

export interface ErrorContext {
  /** Provider name for operator messages, e.g. "openai". */
  provider: string;
  apiKey: string | undefined;
  /** The caller's signal: if it fired, the failure is an abort whatever the SDK says. */
  signal: AbortSignal;
}

/** Statuses a later attempt may get past: timeouts, conflicts, rate limits, server trouble. */
function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
}

export function toProviderError(error: unknown, context: ErrorContext): AppError {
  if (error instanceof AppError) return error;
  const { provider, apiKey, signal } = context;
  const cause = safeCause(error, apiKey);

  if (signal.aborted) {
    const timedOut = signal.reason instanceof Error && signal.reason.name === 'TimeoutError';
    return new ProviderError(`${provider} call ${timedOut ? 'timed out' : 'was aborted'}`, true, { cause });
  }

  const status = statusOf(error);
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    // Our signal did not fire, so the SDK's own per-request deadline (AI_TIMEOUT_MS) did.
    return new ProviderError(`${provider} call timed out (AI_TIMEOUT_MS)`, true, { cause });
  }
  if (status === undefined) {
    // Connection refused/reset, DNS, the SDK's own timeout: all worth another try.
    return new ProviderError(`${provider} request failed: ${describe(error, apiKey)}`, true, { cause });
  }
  if (isRetryableStatus(status)) {
    const retryAfterMs = retryAfterOf(error);
    return new ProviderError(`${provider} answered HTTP ${status}: ${vendorMessage(error, apiKey)}`, true, {
      status,
      cause,
      retryAfterMs,
    });
  }
  if (status === 401 || status === 403) {
    // The body is left out: it can quote the rejected key.
    return new ProviderError(
      `${provider} rejected the credentials (HTTP ${status}); check ${variablesOf(provider).key}`,
      false,
      {
        status,
        reason: 'misconfigured',
      },
    );
  }

  const detail = vendorMessage(error, apiKey);
  if (/api[ _-]?key/i.test(detail)) {
    // Gemini answers a bad key with 400 INVALID_ARGUMENT, not 401.
    return new ProviderError(
      `${provider} rejected the credentials (HTTP ${status}); check ${variablesOf(provider).key}`,
      false,
      {
        status,
        reason: 'misconfigured',
      },
    );
  }
  if (/content[ _-]?(policy|filter)|safety/i.test(detail)) {
    return new ProviderError(`${provider} refused the prompt (HTTP ${status}): ${detail}`, false, {
      status,
      reason: 'refused',
    });
  }
  if (status === 404) {
    return new ProviderError(
      `${provider} answered HTTP 404; check ${variablesOf(provider).endpoint}: ${detail}`,
      false,
      {
        status,
        reason: 'misconfigured',
      },
    );
  }
  return new ProviderError(`${provider} answered HTTP ${status}: ${detail}`, false, { status, reason: 'rejected' });
}

/** The model declined (refusal text, safety filter, blocked prompt). Asking again will not help. */
export function refusalError(provider: string, reason: string): ProviderError {
  return new ProviderError(`${provider} refused to answer: ${reason}`, false, { reason: 'refused' });
}

/** The answer hit the model's output limit even when asked for a shorter site. Asking again will not help. */
export function outputLimitError(provider: string): ProviderError {
  return new ProviderError(
    `${provider} hit the output token limit twice, the second time asked for a shorter site`,
    false,
    {
      reason: 'tooLong',
    },
  );
}

/**
 * A 400 (or 422) that names response_format or JSON schema: the server does not do structured
 * output (many OpenAI-compatible servers do not), so asking without it may well work.
 */
export function rejectsStructuredOutput(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== 400 && status !== 422) return false;
  return /response[_ ]?format|json[_ ]?schema|structured[ _-]?output/i.test(vendorMessage(error, undefined));
}

/** The call succeeded but carried no text. Retryable, like any unusable answer. */
export function emptyAnswerError(provider: string, detail: string): InvalidAnswerError {
  return new InvalidAnswerError(`${provider} returned an empty answer (${detail})`);
}

/** Removes the configured key, and anything shaped like a vendor key, from text meant for logs. */
export function redactSecrets(text: string, apiKey: string | undefined): string {
  let out = text;
  if (apiKey && apiKey.length >= 4) out = out.split(apiKey).join('[redacted]');
  return out.replace(/\b(?:sk-[A-Za-z0-9_*.-]{6,}|AIza[0-9A-Za-z_-]{10,})/g, '[redacted]');
}

/**
 * How long the vendor asked us to wait: OpenAI sends `retry-after-ms` / `retry-after` (seconds or an
 * HTTP date) headers; Gemini puts a google.rpc.RetryInfo `"retryDelay": "17s"` in the error body.
 */
function retryAfterOf(error: unknown): number | undefined {
  const headers = (error as { headers?: unknown } | null)?.headers;
  const header = (name: string) => (headers instanceof Headers ? headers.get(name) : null);
  const ms = Number(header('retry-after-ms'));
  if (header('retry-after-ms') !== null && Number.isFinite(ms) && ms >= 0) return clampRetryAfter(ms);
  const after = header('retry-after');
  if (after !== null) {
    const seconds = Number(after);
    if (after.trim() !== '' && Number.isFinite(seconds) && seconds >= 0) return clampRetryAfter(seconds * 1000);
    const date = Date.parse(after);
    if (!Number.isNaN(date)) return clampRetryAfter(Math.max(0, date - Date.now()));
  }
  const text = error instanceof Error ? error.message : '';
  const delay = /"retryDelay"\s*:\s*"(\d+(?:\.\d+)?)s"/.exec(text)?.[1];
  return delay === undefined ? undefined : clampRetryAfter(Number(delay) * 1000);
}

function clampRetryAfter(ms: number): number {
  return Math.min(Math.ceil(ms), MAX_RETRY_AFTER_MS);
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 100 && status <= 599 ? status : undefined;
}

/** The vendor's own words: OpenAI keeps them on `error.error.message`, Gemini JSON-encodes its body into `message`. */
function vendorMessage(error: unknown, apiKey: string | undefined): string {
  const body = (error as { error?: { message?: unknown } } | null)?.error;
  let text = typeof body?.message === 'string' ? body.message : error instanceof Error ? error.message : String(error);
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } };
    if (typeof parsed.error?.message === 'string') text = parsed.error.message;
  } catch {
    // not JSON: keep the text as it is
  }
  return clip(redactSecrets(text, apiKey));
}

/** Message plus the first system error code found down the cause chain (ECONNREFUSED, …). */
function describe(error: unknown, apiKey: string | undefined): string {
  const message = error instanceof Error ? error.message : String(error);
  let code: unknown;
  for (let e: unknown = error, depth = 0; e && depth < 5 && code === undefined; depth++) {
    code = (e as { code?: unknown }).code;
    e = (e as { cause?: unknown }).cause;
  }
  return clip(redactSecrets(typeof code === 'string' ? `${message} (${code})` : message, apiKey));
}

/** A stand-in for the SDK error: same name, redacted message, no SDK internals to leak through logs. */
function safeCause(error: unknown, apiKey: string | undefined): Error {
  const cause = new Error(describe(error, apiKey));
  cause.name = error instanceof Error ? error.name : 'Error';
  return cause;
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 300 ? `${oneLine.slice(0, 300)}…` : oneLine;
}
