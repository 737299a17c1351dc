import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../shared/errors.ts';
import { createProvider } from '../../../worker/generate/create-provider.ts';
import { parseAnswer } from '../../../worker/generate/parse-answer.ts';
import type { Provider } from '../../../worker/generate/provider.ts';
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
      const ai = testConfig({ AI_PROVIDER: 'openai', AI_API_KEY: 'sk-contract-test-key', AI_BASE_URL: fake.baseUrl }).ai;
      return { provider: createProvider(ai), close: () => fake.close() };
    },
  },
  {
    name: 'gemini',
    start: async () => {
      const fake = await startFakeGemini();
      const ai = testConfig({ AI_PROVIDER: 'gemini', AI_API_KEY: 'AIza-contract-test-key', AI_BASE_URL: fake.baseUrl }).ai;
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

  it('turns a prompt into an answer that parses into a bundle with index.html, titled after the prompt', async () => {
    const answer = await provider.generate('A website for a lakeside bakery called Sunny Crumbs', { signal: new AbortController().signal });

    expect(answer.model).toEqual(expect.any(String));
    expect(answer.model).not.toBe('');
    const bundle = parseAnswer(answer.text);
    expect(bundle.files.some((f) => f.path === 'index.html')).toBe(true);
    expect(bundle.title.toLowerCase()).toContain('sunny crumbs');
  });

  it('gives a bundle that survives sanitizing with its page intact', async () => {
    const answer = await provider.generate('A portfolio for a ceramic artist', { signal: new AbortController().signal });
    const index = sanitizeBundle(parseAnswer(answer.text)).files.find((f) => f.path === 'index.html');
    expect(index?.content).toMatch(/^<!DOCTYPE html>/);
    expect(index?.content.toLowerCase()).toContain('ceramic artist');
  });

  it('rejects an already aborted call with a retryable ProviderError', async () => {
    const error = await provider.generate('A site', { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ retryable: true });
  });
});
