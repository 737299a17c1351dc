import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { InvalidAnswerError, ProviderError } from '../../../shared/errors.ts';
import { createProvider } from '../../../worker/generate/create-provider.ts';
import type { Provider, ProviderCall } from '../../../worker/generate/provider.ts';
import { geminiError, geminiRateLimit, startFakeGemini, type FakeGemini } from '../../support/fake-gemini.ts';
import {
  chatCompletion,
  openAiError,
  openAiRateLimit,
  startFakeOpenAi,
  type FakeOpenAi,
} from '../../support/fake-openai.ts';
import { testConfig } from '../../support/test-config.ts';

let openAi: FakeOpenAi;
let gemini: FakeGemini;
let provider: Provider;

beforeAll(async () => {
  [openAi, gemini] = await Promise.all([startFakeOpenAi(), startFakeGemini()]);
});
afterAll(async () => {
  await Promise.all([openAi?.close(), gemini?.close()]);
});
beforeEach(() => {
  openAi.requests.length = 0;
  gemini.requests.length = 0;
  provider = chain();
});

function chain(env: Record<string, string> = {}): Provider {
  return createProvider(
    testConfig({
      AI_PROVIDER: 'openai,gemini',
      OPENAI_API_KEY: 'sk-failover-test',
      OPENAI_BASE_URL: openAi.baseUrl,
      GEMINI_API_KEY: 'AIza-failover-test',
      GEMINI_BASE_URL: gemini.baseUrl,
      ...env,
    }).ai,
  );
}

async function run(signal = new AbortController().signal) {
  const calls: ProviderCall[] = [];
  const outcome = await provider
    .generate({ prompt: 'A site for a bike shop' }, { signal, onCall: (c) => calls.push(c) })
    .then(
      (generation) => ({ generation, error: undefined }),
      (error: unknown) => ({ generation: undefined, error }),
    );
  return { ...outcome, calls };
}

describe('failover across AI_PROVIDER=openai,gemini (real SDKs against local fakes)', () => {
  it('the first provider serves when it is up; the second is not called', async () => {
    const { generation, calls } = await run();
    expect(generation?.provider).toBe('openai');
    expect(calls.map((c) => c.provider)).toEqual(['openai']);
    expect(gemini.requests).toHaveLength(0);
  });

  it('a rate-limited first provider hands the same request to the next, and both calls are reported', async () => {
    openAi.enqueue(openAiRateLimit(30));
    const { generation, calls } = await run();
    expect(generation).toMatchObject({ provider: 'gemini', model: 'gemini-2.5-flash' });
    expect(calls).toEqual([
      expect.objectContaining({ provider: 'openai', error: expect.objectContaining({ status: 429 }) }),
      expect.objectContaining({ provider: 'gemini', inputTokens: 110, outputTokens: 520 }),
    ]);
    expect(calls[1]!.error).toBeUndefined();
  });

  it('a first provider that is down (5xx) hands over too', async () => {
    openAi.enqueue(openAiError(503, 'Service unavailable', 'server_error'));
    expect((await run()).generation?.provider).toBe('gemini');
  });

  it('a first provider that hangs past AI_TIMEOUT_MS hands over: the timeout is per call', async () => {
    provider = chain({ AI_TIMEOUT_MS: '1000' });
    openAi.enqueue({ body: chatCompletion('{}'), delayMs: 30_000 });
    const { generation, calls } = await run();
    expect(generation?.provider).toBe('gemini');
    expect(calls[0]).toMatchObject({
      provider: 'openai',
      error: expect.objectContaining({ message: expect.stringMatching(/timed out/) }),
    });
  });

  it('a permanent error (a refusal, bad credentials) ends the attempt without trying the next provider', async () => {
    openAi.enqueue(openAiError(401, 'Incorrect API key provided'));
    const { error, calls } = await run();
    expect(error).toMatchObject({ retryable: false, status: 401 });
    expect(calls).toHaveLength(1);
    expect(gemini.requests).toHaveLength(0);
  });

  it('an invalid answer is left to the job retry, not handed over', async () => {
    openAi.enqueue({ body: chatCompletion('Sorry, no websites today.') });
    const { error } = await run();
    expect(error).toBeInstanceOf(InvalidAnswerError);
    expect(gemini.requests).toHaveLength(0);
  });

  it('when every provider fails, the error is retryable, names each failure, and waits for the shortest retry-after', async () => {
    openAi.enqueue(openAiRateLimit(30));
    gemini.enqueue(geminiRateLimit(12));
    const { error, calls } = await run();
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      retryable: true,
      retryAfterMs: 12_000,
      message: expect.stringMatching(/every provider failed: openai .*429.*; gemini .*429/),
    });
    expect(calls.map((c) => c.provider)).toEqual(['openai', 'gemini']);
  });

  it('without a retry-after from every provider, the combined error asks for no particular wait', async () => {
    openAi.enqueue(openAiRateLimit(30));
    gemini.enqueue(geminiError(500, 'An internal error has occurred.', 'INTERNAL'));
    expect((await run()).error).toMatchObject({ retryable: true, retryAfterMs: undefined });
  });

  it("the caller's abort stops the chain: the next provider is not tried", async () => {
    openAi.enqueue({ body: chatCompletion('{}'), delayMs: 30_000 });
    const controller = new AbortController();
    const pending = run(controller.signal);
    await vi.waitFor(() => expect(openAi.requests).toHaveLength(1));
    controller.abort();
    const { error, calls } = await pending;
    expect(error).toMatchObject({ retryable: true, message: expect.stringMatching(/aborted/) });
    expect(calls.map((c) => c.provider)).toEqual(['openai']);
    expect(gemini.requests).toHaveLength(0);
  });
});
