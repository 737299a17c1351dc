import type { GenerateRequest, GenerationProgress, Provider, ProviderCall } from '../../worker/generate/provider.ts';

/** One generate call, with everything it reported on the side; a rejection is returned, not thrown. */
export async function runProvider(
  provider: Provider,
  request: GenerateRequest | string = 'A site',
  signal = new AbortController().signal,
) {
  const calls: ProviderCall[] = [];
  const progress: GenerationProgress[] = [];
  const outcome = await provider
    .generate(typeof request === 'string' ? { prompt: request } : request, {
      signal,
      onCall: (c) => calls.push(c),
      onProgress: (p) => progress.push(p),
    })
    .then(
      (generation) => ({ generation, error: undefined }),
      (error: unknown) => ({ generation: undefined, error }),
    );
  return { ...outcome, calls, progress };
}
