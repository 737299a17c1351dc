import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InvalidAnswerError, ProviderError } from '../../../shared/errors.ts';
import { createProvider } from '../../../worker/generate/create-provider.ts';
import { parseAnswer } from '../../../worker/generate/parse-answer.ts';
import type { Provider } from '../../../worker/generate/provider.ts';
import { chatCompletion, openAiError, startFakeOpenAi, userPromptOf, type FakeOpenAi } from '../../support/fake-openai.ts';
import { testConfig } from '../../support/test-config.ts';

const API_KEY = 'sk-test-4f9c2e71b8a3d5SECRETKEY';
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/ai-answers/${name}`, import.meta.url), 'utf8');
const noAbort = () => new AbortController().signal;

let fake: FakeOpenAi;
beforeEach(async () => {
  fake = await startFakeOpenAi();
});
afterEach(async () => {
  await fake.close();
});

function openAi(env: Record<string, string> = {}): Provider {
  return createProvider(testConfig({ AI_PROVIDER: 'openai', AI_API_KEY: API_KEY, AI_BASE_URL: fake.baseUrl, ...env }).ai);
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected the call to fail'),
    (error: unknown) => error,
  );
}

describe('openai provider (real SDK against a local fake)', () => {
  it('sends the key, the default model, the system prompt and the user prompt, and returns the answer text', async () => {
    fake.enqueue({ body: chatCompletion(fixture('json-bundle.json')) });

    const answer = await openAi().generate('A café by the harbour', { signal: noAbort() });

    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request!.body).toMatchObject({ model: 'gpt-4o-mini', messages: [{ role: 'system' }, { role: 'user', content: 'A café by the harbour' }] });
    expect(JSON.stringify(request!.body)).toContain('JSON');
    expect(answer).toEqual({ text: fixture('json-bundle.json'), model: 'gpt-4o-mini-2024-07-18', usage: { inputTokens: 120, outputTokens: 480 } });
    expect(parseAnswer(answer.text).title).toBe('Harbor Lights Café');
  });

  it('asks for AI_MODEL when it is set', async () => {
    await openAi({ AI_MODEL: 'gpt-4.1-nano' }).generate('A site', { signal: noAbort() });
    expect(fake.requests[0]!.body).toMatchObject({ model: 'gpt-4.1-nano' });
  });

  it('a fenced html answer parses into index.html plus styles.css', async () => {
    fake.enqueue({ body: chatCompletion(fixture('fenced-html-and-css.md')) });
    const bundle = parseAnswer((await openAi().generate('A bike club', { signal: noAbort() })).text);
    expect(bundle.title).toBe('Ridge Riders MTB Club');
    expect(bundle.files.map((f) => f.path)).toEqual(['index.html', 'styles.css']);
  });

  it('a raw html answer parses, its title taken from the first h1', async () => {
    fake.enqueue({ body: chatCompletion(fixture('raw-html.html')) });
    const bundle = parseAnswer((await openAi().generate('A yoga studio', { signal: noAbort() })).text);
    expect(bundle.title).toBe('Luna & Sol Yoga');
  });

  it('429 becomes a retryable ProviderError', async () => {
    fake.enqueue(openAiError(429, 'Rate limit reached for gpt-4o-mini', 'requests', 'rate_limit_exceeded'));
    const error = await failureOf(openAi().generate('A site', { signal: noAbort() }));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ retryable: true, status: 429 });
    expect(fake.requests).toHaveLength(1); // the SDK must not retry on its own
  });

  it('500 becomes a retryable ProviderError', async () => {
    fake.enqueue(openAiError(500, 'The server had an error while processing your request.', 'server_error'));
    const error = await failureOf(openAi().generate('A site', { signal: noAbort() }));
    expect(error).toMatchObject({ retryable: true, status: 500 });
    expect(fake.requests).toHaveLength(1);
  });

  it('401 is not retryable, and neither the error nor its cause contains the API key', async () => {
    fake.enqueue(openAiError(401, `Incorrect API key provided: ${API_KEY}. You can find your API key at https://platform.openai.com/account/api-keys.`, 'invalid_request_error', 'invalid_api_key'));
    const error = await failureOf(openAi().generate('A site', { signal: noAbort() }));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ retryable: false, status: 401 });
    expect(inspect(error, { depth: 10 })).not.toContain(API_KEY);
    expect(JSON.stringify(error)).not.toContain(API_KEY);
    expect((error as ProviderError).userMessage).not.toMatch(/openai|gpt|key/i);
  });

  it('a 400 is not retryable and says so in plain words', async () => {
    fake.enqueue(openAiError(400, "Invalid value for 'messages'."));
    const error = await failureOf(openAi().generate('A site', { signal: noAbort() }));
    expect(error).toMatchObject({ retryable: false, status: 400 });
    expect((error as ProviderError).userMessage).toMatch(/could not handle this request/);
  });

  it('a refusal is not retryable', async () => {
    fake.enqueue({ body: chatCompletion(null, { refusal: "I can't help with that." }) });
    const error = await failureOf(openAi().generate('Something nasty', { signal: noAbort() }));
    expect(error).toMatchObject({ retryable: false, userMessage: expect.stringMatching(/declined/) });
  });

  it('an empty answer is an InvalidAnswerError', async () => {
    fake.enqueue({ body: chatCompletion('   ') });
    await expect(openAi().generate('A site', { signal: noAbort() })).rejects.toBeInstanceOf(InvalidAnswerError);
  });

  it('garbage text comes back, and parseAnswer rejects it as an InvalidAnswerError', async () => {
    fake.enqueue({ body: chatCompletion(fixture('garbage.txt')) });
    const answer = await openAi().generate('A site', { signal: noAbort() });
    expect(() => parseAnswer(answer.text)).toThrow(InvalidAnswerError);
  });

  it('a slow answer is abandoned promptly when the signal fires, as a retryable error, and the fake sees the connection close', async () => {
    fake.enqueue({ body: chatCompletion('{}'), delayMs: 30_000 });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 150);

    const error = await failureOf(openAi().generate('A site', { signal: controller.signal }));

    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toMatchObject({ retryable: true, message: expect.stringMatching(/aborted/) });
    await vi.waitFor(() => expect(fake.abandoned).toHaveLength(1));
  });

  it('an answer slower than AI_TIMEOUT_MS is a retryable error', async () => {
    fake.enqueue({ body: chatCompletion('{}'), delayMs: 30_000 });
    const error = await failureOf(openAi({ AI_TIMEOUT_MS: '1000' }).generate('A site', { signal: noAbort() }));
    expect(error).toMatchObject({ retryable: true });
    await vi.waitFor(() => expect(fake.abandoned).toHaveLength(1));
  });

  it('a refused connection is a retryable error', async () => {
    const provider = openAi();
    await fake.close();
    const error = await failureOf(provider.generate('A site', { signal: noAbort() }));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ retryable: true, message: expect.stringMatching(/request failed/) });
    fake = await startFakeOpenAi(); // for afterEach
  });

  it('the default fake answer is about the prompt it was sent', async () => {
    const answer = await openAi().generate('Dog grooming in Leeds', { signal: noAbort() });
    expect(userPromptOf(fake.requests[0]!)).toBe('Dog grooming in Leeds');
    expect(parseAnswer(answer.text).title).toBe('Dog grooming in Leeds');
  });
});
