import { maxBundleBytes } from '../../shared/bundle.ts';
import type { ModelPrice } from '../../shared/config/index.ts';
import { asAppError, BundleTooBigError, type AppError } from '../../shared/errors.ts';
import { parseAnswer } from './parse-answer.ts';
import { estimateCostUsd } from './prices.ts';
import type { GenerateOptions, GenerateRequest, Generation } from './provider.ts';
import { emptyAnswerError, outputLimitError, refusalError } from './provider-errors.ts';
import { trackProgress } from './stream-progress.ts';
import { SYSTEM_PROMPT, userMessage } from './system-prompt.ts';

/** One request to a model, as an adapter sends it. */
export interface ModelTurn {
  system: string;
  user: string;
}

/** A model's complete reply to one turn. */
export interface ModelReply {
  text: string;
  /** The model as the vendor reports it, else the one asked for. */
  model: string;
  /** `stop`: a whole answer; `length`: cut off at the output token limit; `refused`: see `refusal`. */
  finish: 'stop' | 'length' | 'refused';
  /** Why the model or the vendor's safety system refused, for operators. */
  refusal?: string;
  usage?: { inputTokens: number; outputTokens: number };
}

/**
 * The vendor-specific part of an adapter: send one turn, pass the text to `onText` as it streams
 * in, return the whole reply. Throws ProviderError (toProviderError) for anything the vendor or the
 * network did, including an abort through `signal`.
 */
export type AskModel = (
  turn: ModelTurn,
  options: { signal: AbortSignal; onText: (delta: string) => void },
) => Promise<ModelReply>;

export interface ModelSettings {
  provider: string;
  /** The model asked for. */
  model: string;
  /** AI_TIMEOUT_MS: the longest one call may take, streaming included. */
  timeoutMs: number;
  prices: Record<string, ModelPrice>;
}

type Tokens = { inputTokens: number | null; outputTokens: number | null };

/**
 * The longest answer read, in characters: twice the bundle limit. A bundle's files add up to 2 MiB
 * at most, base64 makes images a third longer and JSON escaping adds a little, so no answer past
 * this could be published; the stream is cut there, and a job holds at most this much answer.
 */
export const MAX_ANSWER_CHARS = 2 * maxBundleBytes;

/**
 * What every adapter does around its vendor calls, so that they all behave alike:
 * - one call gets AI_TIMEOUT_MS on top of the caller's signal (a failover chain goes on after a
 *   timeout, but not after the caller's abort);
 * - an answer cut off at the output limit is asked for once more, shorter; a second cut is permanent;
 * - refusals are permanent; any other answer is parsed and validated (zod) into a bundle, or fails
 *   as a retryable InvalidAnswerError that says why;
 * - when the call ends, success or not, `onCall` gets tokens, latency and the estimated cost.
 */
export async function askForBundle(
  settings: ModelSettings,
  ask: AskModel,
  request: GenerateRequest,
  options: GenerateOptions,
): Promise<Generation> {
  const startedAt = new Date();
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(settings.timeoutMs)]);
  let model = settings.model;
  let tokens: Tokens = { inputTokens: null, outputTokens: null };
  let failure: AppError | undefined;

  const askOnce = async (shorter: boolean) => {
    const reply = await ask(
      { system: SYSTEM_PROMPT, user: userMessage(request, { shorter }) },
      { signal, onText: limitAnswer(trackProgress(options.onProgress)) },
    );
    model = reply.model;
    if (reply.usage) tokens = addTokens(tokens, reply.usage);
    if (reply.finish === 'refused') throw refusalError(settings.provider, reply.refusal ?? 'no reason given');
    return reply;
  };

  try {
    let reply = await askOnce(false);
    if (reply.finish === 'length') reply = await askOnce(true);
    if (reply.finish === 'length') throw outputLimitError(settings.provider);
    if (!reply.text.trim()) throw emptyAnswerError(settings.provider, 'finished with no text');
    return { bundle: parseAnswer(reply.text), provider: settings.provider, model };
  } catch (error) {
    failure = asAppError(error);
    throw failure;
  } finally {
    options.onCall?.({
      provider: settings.provider,
      model,
      startedAt,
      durationMs: Date.now() - startedAt.getTime(),
      ...tokens,
      costUsd: estimateCostUsd(settings.prices, model, tokens),
      ...(failure && { error: failure }),
    });
  }
}

/**
 * Passes text on until the answer passes MAX_ANSWER_CHARS, then throws BundleTooBigError (final:
 * asking again would only stream as much again). Thrown inside the adapter's stream loop, it ends
 * the stream and the HTTP request with it.
 */
function limitAnswer(onText: (delta: string) => void): (delta: string) => void {
  let chars = 0;
  return (delta) => {
    chars += delta.length;
    if (chars > MAX_ANSWER_CHARS)
      throw new BundleTooBigError(`the answer passed ${MAX_ANSWER_CHARS} characters, more than any site may publish`);
    onText(delta);
  };
}

/** The length retry makes two vendor calls in one provider call: both are billed. */
function addTokens(sum: Tokens, usage: { inputTokens: number; outputTokens: number }): Tokens {
  return {
    inputTokens: (sum.inputTokens ?? 0) + usage.inputTokens,
    outputTokens: (sum.outputTokens ?? 0) + usage.outputTokens,
  };
}
