import { AppError, InvalidAnswerError, ProviderError } from '../../shared/errors.ts';

/**
 * Turns whatever a vendor SDK threw into our error kinds. Vendor-neutral on purpose: both SDKs put
 * the HTTP status on `error.status`, and everything without a status is a transport problem.
 *
 * What must stay true: no API key in any message or cause (OpenAI echoes part of a wrong key in its
 * 401 body, and pino appends cause messages to logged errors), and no vendor name in a userMessage.
 */

const USER_MESSAGES = {
  misconfigured: "The site generator is not set up correctly. Please let the bot's operator know.",
  rejected: 'The site generator could not handle this request. Try describing your site differently.',
  refused: 'The site generator declined this request. Try describing a different kind of site.',
} as const;

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
    return new ProviderError(`${provider} answered HTTP ${status}: ${vendorMessage(error, apiKey)}`, true, { status, cause });
  }
  if (status === 401 || status === 403) {
    // The body is left out: it can quote the rejected key.
    return new ProviderError(`${provider} rejected the credentials (HTTP ${status}); check AI_API_KEY`, false, {
      status,
      userMessage: USER_MESSAGES.misconfigured,
    });
  }

  const detail = vendorMessage(error, apiKey);
  if (/api[ _-]?key/i.test(detail)) {
    // Gemini answers a bad key with 400 INVALID_ARGUMENT, not 401.
    return new ProviderError(`${provider} rejected the credentials (HTTP ${status}); check AI_API_KEY`, false, {
      status,
      userMessage: USER_MESSAGES.misconfigured,
    });
  }
  if (/content[ _-]?(policy|filter)|safety/i.test(detail)) {
    return new ProviderError(`${provider} refused the prompt (HTTP ${status}): ${detail}`, false, { status, userMessage: USER_MESSAGES.refused });
  }
  if (status === 404) {
    return new ProviderError(`${provider} answered HTTP 404; check AI_MODEL and AI_BASE_URL: ${detail}`, false, {
      status,
      userMessage: USER_MESSAGES.misconfigured,
    });
  }
  return new ProviderError(`${provider} answered HTTP ${status}: ${detail}`, false, { status, userMessage: USER_MESSAGES.rejected });
}

/** The model declined (refusal text, safety filter, blocked prompt). Asking again will not help. */
export function refusalError(provider: string, reason: string): ProviderError {
  return new ProviderError(`${provider} refused to answer: ${reason}`, false, { userMessage: USER_MESSAGES.refused });
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
