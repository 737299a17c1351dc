import { ProviderError } from '../../shared/errors.ts';
import type { Provider } from './provider.ts';

/**
 * AI_PROVIDER=openai,gemini: the first provider serves; when it is down or rate-limited (a
 * retryable ProviderError: 429, 5xx, timeout, network) the next one gets the same request, and so
 * on. Anything else ends the attempt at once: a refusal or a bad request would only be repeated,
 * an invalid answer is retried later by the job queue, and an abort means the caller is done.
 * Each provider reports its own call through `onCall`, so the attempt log shows every try.
 */
export function createFailover(providers: Provider[]): Provider {
  if (providers.length === 1) return providers[0]!;
  return {
    name: providers.map((p) => p.name).join(','),
    async generate(request, options) {
      const failures: ProviderError[] = [];
      for (const provider of providers) {
        try {
          return await provider.generate(request, options);
        } catch (error) {
          if (!(error instanceof ProviderError) || !error.retryable || options.signal.aborted) throw error;
          failures.push(error);
        }
      }
      throw everyProviderFailed(failures);
    },
  };
}

/**
 * Retryable, like each failure in it. The next attempt may start once the first provider is ready
 * again, so it waits for the shortest retry-after, or not at all if one provider named none.
 */
function everyProviderFailed(failures: ProviderError[]): ProviderError {
  const waits = failures.map((f) => f.retryAfterMs);
  const retryAfterMs = waits.every((ms) => ms !== undefined) ? Math.min(...waits) : undefined;
  return new ProviderError(`every provider failed: ${failures.map((f) => f.message).join('; ')}`, true, {
    cause: failures.at(-1),
    ...(retryAfterMs !== undefined && { retryAfterMs }),
  });
}
