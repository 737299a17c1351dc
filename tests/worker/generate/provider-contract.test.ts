import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../shared/errors.ts';
import { createProvider } from '../../../worker/generate/create-provider.ts';
import type { Provider, ProviderCall } from '../../../worker/generate/provider.ts';
import { sanitizeBundle } from '../../../worker/sanitize/sanitize-bundle.ts';
import { startFakeGemini } from '../../support/fake-gemini.ts';
import { startFakeOpenAi } from '../../support/fake-openai.ts';
import { testConfig } from '../../support/test-config.ts';

/** Every adapter, the real ones through their real SDKs against local fakes of the vendor APIs. */
const adapters: { name: string; start: () => Promise<{ provider: Provider; close: () => Promise<void> }> }[] = [
  {
    name: 'mock',
    start: async () => ({ provider: createProvider(testConfig({}).ai), close: async () => {} }),
  },
  {
    name: 'openai',
    start: async () => {
      const fake = await startFakeOpenAi();
      const ai = testConfig({
        AI_PROVIDER: 'openai',
        AI_API_KEY: 'sk-contract-test-key',
        AI_BASE_URL: fake.baseUrl,
      }).ai;
      return { provider: createProvider(ai), close: () => fake.close() };
    },
  },
  {
    name: 'gemini',
    start: async () => {
      const fake = await startFakeGemini();
      const ai = testConfig({
        AI_PROVIDER: 'gemini',
        AI_API_KEY: 'AIza-contract-test-key',
        AI_BASE_URL: fake.baseUrl,
      }).ai;
      return { provider: createProvider(ai), close: () => fake.close() };
    },
  },
];

describe.each(adapters)('the $name provider keeps the Provider contract', ({ name, start }) => {
  let provider: Provider;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ provider, close } = await start());
  });
  afterAll(() => close());

  it('is named after its AI_PROVIDER value', () => {
    expect(provider.name).toBe(name);
  });

  it('turns a prompt into a validated bundle with index.html, titled after the prompt, and names who made it', async () => {
    const generation = await provider.generate(
      { prompt: 'A website for a lakeside bakery called Sunny Crumbs' },
      { signal: new AbortController().signal },
    );

    expect(generation.provider).toBe(name);
    expect(generation.model).toEqual(expect.any(String));
    expect(generation.model).not.toBe('');
    expect(generation.bundle.files.some((f) => f.path === 'index.html')).toBe(true);
    expect(generation.bundle.title.toLowerCase()).toContain('sunny crumbs');
  });

  it('accepts a revision request with the previous bundle', async () => {
    const signal = new AbortController().signal;
    const { bundle: previous } = await provider.generate({ prompt: 'A site for a florist' }, { signal });
    const revised = await provider.generate({ prompt: 'Add opening hours', previous }, { signal });
    expect(revised.bundle.files.some((f) => f.path === 'index.html')).toBe(true);
  });

  it('gives a bundle that survives sanitizing with its page intact', async () => {
    const { bundle } = await provider.generate(
      { prompt: 'A portfolio for a ceramic artist' },
      { signal: new AbortController().signal },
    );
    const index = sanitizeBundle(bundle).files.find((f) => f.path === 'index.html');
    expect(index?.content).toMatch(/^<!DOCTYPE html>/);
    expect(index?.content.toLowerCase()).toContain('ceramic artist');
  });

  it('reports exactly one call per generate, with its latency', async () => {
    const calls: ProviderCall[] = [];
    await provider.generate(
      { prompt: 'A site' },
      { signal: new AbortController().signal, onCall: (c) => calls.push(c) },
    );
    expect(calls).toEqual([
      expect.objectContaining({ provider: name, durationMs: expect.any(Number), startedAt: expect.any(Date) }),
    ]);
    expect(calls[0]!.error).toBeUndefined();
  });

  it('rejects an already aborted call with a retryable ProviderError, and reports that call too', async () => {
    const calls: ProviderCall[] = [];
    const error = await provider
      .generate({ prompt: 'A site' }, { signal: AbortSignal.abort(), onCall: (c) => calls.push(c) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ retryable: true });
    expect(calls).toEqual([expect.objectContaining({ provider: name, error })]);
  });
});
