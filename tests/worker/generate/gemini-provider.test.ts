import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InvalidAnswerError, ProviderError } from '../../../shared/errors.ts';
import { createProvider } from '../../../worker/generate/create-provider.ts';
import { parseAnswer } from '../../../worker/generate/parse-answer.ts';
import type { Provider } from '../../../worker/generate/provider.ts';
import { geminiAnswer, geminiError, modelOf, startFakeGemini, userPromptOf, type FakeGemini } from '../../support/fake-gemini.ts';
import { testConfig } from '../../support/test-config.ts';

const API_KEY = 'AIzaSyTEST-7d1e9c3b5a2f4SECRETKEY';
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/ai-answers/${name}`, import.meta.url), 'utf8');
const noAbort = () => new AbortController().signal;

let fake: FakeGemini;
beforeEach(async () => {
  fake = await startFakeGemini();
});
afterEach(async () => {
  await fake.close();
});

function gemini(env: Record<string, string> = {}): Provider {
  return createProvider(testConfig({ AI_PROVIDER: 'gemini', AI_API_KEY: API_KEY, AI_BASE_URL: fake.baseUrl, ...env }).ai);
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected the call to fail'),
    (error: unknown) => error,
  );
}

describe('gemini provider (real SDK against a local fake)', () => {
  it('sends the key header, the default model, the system instruction and JSON mode, and returns the answer text', async () => {
    fake.enqueue({ body: geminiAnswer(fixture('json-bundle.json'), { modelVersion: 'gemini-2.5-flash-001' }) });

    const answer = await gemini().generate('A café by the harbour', { signal: noAbort() });

    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request!.headers['x-goog-api-key']).toBe(API_KEY);
    expect(request!.path).not.toContain(API_KEY); // header, never the query string
    expect(modelOf(request!)).toBe('gemini-2.5-flash');
    expect(userPromptOf(request!)).toBe('A café by the harbour');
    expect(request!.body).toMatchObject({ generationConfig: { responseMimeType: 'application/json' }, systemInstruction: { parts: [{ text: expect.stringContaining('JSON') }] } });
    expect(answer).toEqual({ text: fixture('json-bundle.json'), model: 'gemini-2.5-flash-001', usage: { inputTokens: 110, outputTokens: 520 } });
    expect(parseAnswer(answer.text).title).toBe('Harbor Lights Café');
  });

  it('asks for AI_MODEL when it is set', async () => {
    await gemini({ AI_MODEL: 'gemini-2.5-pro' }).generate('A site', { signal: noAbort() });
    expect(fake.requests[0]!.path).toBe('/v1beta/models/gemini-2.5-pro:generateContent');
  });

  it('a fenced html answer parses into index.html plus styles.css', async () => {
    fake.enqueue({ body: geminiAnswer(fixture('fenced-html-and-css.md')) });
    const bundle = parseAnswer((await gemini().generate('A bike club', { signal: noAbort() })).text);
    expect(bundle.title).toBe('Ridge Riders MTB Club');
    expect(bundle.files.map((f) => f.path)).toEqual(['index.html', 'styles.css']);
  });

  it('a raw html answer parses, its title taken from the first h1', async () => {
    fake.enqueue({ body: geminiAnswer(fixture('raw-html.html')) });
    const bundle = parseAnswer((await gemini().generate('A yoga studio', { signal: noAbort() })).text);
    expect(bundle.title).toBe('Luna & Sol Yoga');
  });

  it('429 becomes a retryable ProviderError, and the SDK does not retry on its own', async () => {
    fake.enqueue(geminiError(429, 'Resource has been exhausted (e.g. check quota).', 'RESOURCE_EXHAUSTED'));
    const error = await failureOf(gemini().generate('A site', { signal: noAbort() }));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ retryable: true, status: 429 });
    expect(fake.requests).toHaveLength(1);
  });

  it('500 becomes a retryable ProviderError', async () => {
    fake.enqueue(geminiError(500, 'An internal error has occurred.', 'INTERNAL'));
    const error = await failureOf(gemini().generate('A site', { signal: noAbort() }));
    expect(error).toMatchObject({ retryable: true, status: 500 });
  });

  it('401 is not retryable, and neither the error nor its cause contains the API key', async () => {
    fake.enqueue(geminiError(401, `Request had invalid authentication credentials: ${API_KEY}`, 'UNAUTHENTICATED'));
    const error = await failureOf(gemini().generate('A site', { signal: noAbort() }));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ retryable: false, status: 401 });
    expect(inspect(error, { depth: 10 })).not.toContain(API_KEY);
    expect((error as ProviderError).userMessage).not.toMatch(/gemini|google|key/i);
  });

  it("Gemini's 400 for a bad key is treated as a credentials problem, without the key", async () => {
    fake.enqueue(geminiError(400, `API key not valid. Please pass a valid API key. (${API_KEY})`, 'INVALID_ARGUMENT'));
    const error = await failureOf(gemini().generate('A site', { signal: noAbort() }));
    expect(error).toMatchObject({ retryable: false, status: 400, message: expect.stringMatching(/credentials/) });
    expect(inspect(error, { depth: 10 })).not.toContain(API_KEY);
    expect((error as ProviderError).userMessage).toMatch(/not set up correctly/);
  });

  it('a safety stop is a refusal, not retryable', async () => {
    fake.enqueue({ body: geminiAnswer(null, { finishReason: 'SAFETY' }) });
    const error = await failureOf(gemini().generate('Something nasty', { signal: noAbort() }));
    expect(error).toMatchObject({ retryable: false, userMessage: expect.stringMatching(/declined/) });
  });

  it('a blocked prompt is a refusal, not retryable', async () => {
    fake.enqueue({ body: { promptFeedback: { blockReason: 'PROHIBITED_CONTENT' }, usageMetadata: { promptTokenCount: 9 } } });
    const error = await failureOf(gemini().generate('Something nasty', { signal: noAbort() }));
    expect(error).toMatchObject({ retryable: false, message: expect.stringMatching(/PROHIBITED_CONTENT/) });
  });

  it('an empty answer is an InvalidAnswerError', async () => {
    fake.enqueue({ body: geminiAnswer(null) });
    await expect(gemini().generate('A site', { signal: noAbort() })).rejects.toBeInstanceOf(InvalidAnswerError);
  });

  it('garbage text comes back, and parseAnswer rejects it as an InvalidAnswerError', async () => {
    fake.enqueue({ body: geminiAnswer(fixture('garbage.txt')) });
    const answer = await gemini().generate('A site', { signal: noAbort() });
    expect(() => parseAnswer(answer.text)).toThrow(InvalidAnswerError);
  });

  it('a slow answer is abandoned promptly when the signal fires, as a retryable error, and the fake sees the connection close', async () => {
    fake.enqueue({ body: geminiAnswer('{}'), delayMs: 30_000 });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 150);

    const error = await failureOf(gemini().generate('A site', { signal: controller.signal }));

    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toMatchObject({ retryable: true, message: expect.stringMatching(/aborted/) });
    await vi.waitFor(() => expect(fake.abandoned).toHaveLength(1));
  });

  it('an answer slower than AI_TIMEOUT_MS is a retryable error', async () => {
    fake.enqueue({ body: geminiAnswer('{}'), delayMs: 30_000 });
    const error = await failureOf(gemini({ AI_TIMEOUT_MS: '1000' }).generate('A site', { signal: noAbort() }));
    expect(error).toMatchObject({ retryable: true });
    await vi.waitFor(() => expect(fake.abandoned).toHaveLength(1));
  });

  it('a refused connection is a retryable error', async () => {
    const provider = gemini();
    await fake.close();
    const error = await failureOf(provider.generate('A site', { signal: noAbort() }));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ retryable: true, message: expect.stringMatching(/request failed/) });
    fake = await startFakeGemini(); // for afterEach
  });
});
