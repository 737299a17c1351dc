import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InvalidAnswerError, ProviderError } from '../../../shared/errors.ts';
import { createProvider } from '../../../worker/generate/create-provider.ts';
import type { Provider } from '../../../worker/generate/provider.ts';
import { runProvider } from '../../support/run-provider.ts';
import {
  chatCompletion,
  openAiError,
  openAiRateLimit,
  startFakeOpenAi,
  userPromptOf,
  type FakeOpenAi,
} from '../../support/fake-openai.ts';
import { testConfig } from '../../support/test-config.ts';

const API_KEY = 'sk-test-4f9c2e71b8a3d5SECRETKEY';
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/ai-answers/${name}`, import.meta.url), 'utf8');

let fake: FakeOpenAi;
beforeEach(async () => {
  fake = await startFakeOpenAi();
});
afterEach(async () => {
  await fake.close();
});

function openAi(env: Record<string, string> = {}): Provider {
  return createProvider(
    testConfig({ AI_PROVIDER: 'openai', AI_API_KEY: API_KEY, AI_BASE_URL: fake.baseUrl, ...env }).ai,
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the request body the SDK sent, as JSON
const bodyOf = (index: number) => fake.requests[index]!.body as Record<string, any>;

describe('openai provider (real SDK against a local fake)', () => {
  it('streams a structured-output request and returns the validated bundle, with usage, cost and progress', async () => {
    fake.enqueue({ body: chatCompletion(fixture('json-bundle.json')), chunkChars: 100 });

    const { generation, calls, progress } = await runProvider(openAi(), 'A café by the harbour');

    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(bodyOf(0)).toMatchObject({
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'site_bundle', strict: true, schema: { required: ['title', 'summary', 'files'] } },
      },
      messages: [
        { role: 'system', content: expect.stringContaining('CSS gradients') },
        { role: 'user', content: 'A café by the harbour' },
      ],
    });
    expect(fake.requests[0]!.eventsSent).toBeGreaterThan(5);

    expect(generation).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o-mini-2024-07-18',
      bundle: { title: 'Harbor Lights Café' },
    });
    expect(generation!.bundle.files.map((f) => f.path)).toEqual(['index.html', 'styles.css']);
    expect(calls).toEqual([
      {
        provider: 'openai',
        model: 'gpt-4o-mini-2024-07-18',
        startedAt: expect.any(Date),
        durationMs: expect.any(Number),
        inputTokens: 120,
        outputTokens: 480,
        costUsd: expect.closeTo((120 * 0.15 + 480 * 0.6) / 1e6, 12),
      },
    ]);
    // Progress grows with every chunk and ends at the whole answer.
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)!.bytes).toBe(Buffer.byteLength(fixture('json-bundle.json')));
    expect(progress.map((p) => p.bytes)).toEqual([...progress.map((p) => p.bytes)].sort((a, b) => a - b));
  });

  it('reports the section headings seen so far while the answer streams', async () => {
    fake.enqueue({ body: chatCompletion(sectionsAnswer()), chunkChars: 30 });
    const { progress } = await runProvider(openAi());
    expect(progress.at(-1)!.sections).toEqual(['Our "Menu"', 'Visit & hours']);
    const firstWithMenu = progress.findIndex((p) => p.sections.length === 1);
    expect(firstWithMenu).toBeGreaterThan(0);
    expect(firstWithMenu).toBeLessThan(progress.findIndex((p) => p.sections.length === 2));
  });

  it('uses OPENAI_MODEL, or AI_MODEL for the first provider', async () => {
    await runProvider(openAi({ OPENAI_MODEL: 'gpt-4.1-nano' }));
    await runProvider(openAi({ AI_MODEL: 'gpt-4.1-mini' }));
    expect([bodyOf(0).model, bodyOf(1).model]).toEqual(['gpt-4.1-nano', 'gpt-4.1-mini']);
  });

  it('sends a revision as the previous bundle plus the change, asking for the whole updated bundle', async () => {
    const previous = {
      title: 'Harbor Lights Café',
      summary: 'A café.',
      files: [{ path: 'index.html', content: '<h1>Harbor Lights Café</h1>' }],
    };
    const { generation } = await runProvider(openAi(), { prompt: 'Add an opening hours section', previous });
    const user = userPromptOf(fake.requests[0]!);
    expect(user).toContain(JSON.stringify(previous));
    expect(user).toContain('Add an opening hours section');
    expect(user).toMatch(/WHOLE updated bundle/);
    expect(generation).toBeDefined();
  });

  it('when the server rejects structured output, asks once more without it, parses a fenced answer, and stops asking for it', async () => {
    fake.enqueue(
      openAiError(400, "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model."),
      { body: chatCompletion(fixture('fenced-html-and-css.md')) },
      { body: chatCompletion(fixture('raw-html.html')) },
    );
    const provider = openAi();

    const first = await runProvider(provider, 'A bike club');
    expect(first.generation?.bundle.title).toBe('Ridge Riders MTB Club');
    expect(first.generation?.bundle.files.map((f) => f.path)).toEqual(['index.html', 'styles.css']);
    expect(bodyOf(0).response_format).toBeDefined();
    expect(bodyOf(1).response_format).toBeUndefined();
    expect(first.calls).toHaveLength(1); // one provider call, two HTTP requests

    const second = await runProvider(provider, 'A yoga studio');
    expect(second.generation?.bundle.title).toBe('Luna & Sol Yoga');
    expect(fake.requests).toHaveLength(3);
    expect(bodyOf(2).response_format).toBeUndefined();
  });

  it('retries without structured output only once: a second 400 is a permanent error', async () => {
    fake.enqueue(
      openAiError(400, 'response_format is not supported'),
      openAiError(400, 'response_format is not supported'),
    );
    const { error } = await runProvider(openAi());
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ retryable: false, status: 400 });
    expect(fake.requests).toHaveLength(2);
  });

  it('copes with a compatible server that ignores stream: true and sends one JSON completion', async () => {
    fake.enqueue({ body: chatCompletion(fixture('json-bundle.json')), ignoreStream: true });
    const { generation, calls, progress } = await runProvider(openAi());
    expect(generation?.bundle.title).toBe('Harbor Lights Café');
    expect(calls[0]).toMatchObject({ inputTokens: 120, outputTokens: 480 });
    expect(progress.at(-1)?.bytes).toBeGreaterThan(0);
  });

  it('garbage text is a retryable InvalidAnswerError that says why, and its tokens are still recorded', async () => {
    fake.enqueue({ body: chatCompletion(fixture('garbage.txt')) });
    const { error, calls } = await runProvider(openAi());
    expect(error).toBeInstanceOf(InvalidAnswerError);
    expect(error).toMatchObject({ retryable: true, message: expect.stringMatching(/neither a JSON bundle nor HTML/) });
    expect(calls).toEqual([
      expect.objectContaining({ inputTokens: 120, outputTokens: 480, costUsd: expect.any(Number), error }),
    ]);
  });

  it('a JSON answer that breaks the bundle rules is an InvalidAnswerError naming the rule', async () => {
    fake.enqueue({ body: chatCompletion(fixture('json-without-index.json')) });
    const { error } = await runProvider(openAi());
    expect(error).toBeInstanceOf(InvalidAnswerError);
    expect((error as Error).message).toMatch(/index\.html/);
  });

  it('429 is retryable and carries retry-after; the next call succeeds; the SDK never retries on its own', async () => {
    fake.enqueue(openAiRateLimit(7));
    const provider = openAi();

    const first = await runProvider(provider);
    expect(first.error).toBeInstanceOf(ProviderError);
    expect(first.error).toMatchObject({ retryable: true, status: 429, retryAfterMs: 7000 });
    expect(first.calls).toEqual([
      expect.objectContaining({
        provider: 'openai',
        model: 'gpt-4o-mini',
        inputTokens: null,
        costUsd: null,
        error: first.error,
      }),
    ]);
    expect(fake.requests).toHaveLength(1);

    const second = await runProvider(provider);
    expect(second.generation).toBeDefined();
  });

  it('retry-after-ms wins over retry-after', async () => {
    fake.enqueue({ ...openAiRateLimit(7), headers: { 'retry-after': '7', 'retry-after-ms': '1500' } });
    expect((await runProvider(openAi())).error).toMatchObject({ retryAfterMs: 1500 });
  });

  it('500 forever: every call is a retryable ProviderError, one request each', async () => {
    const provider = openAi();
    for (let i = 0; i < 3; i++) {
      fake.enqueue(openAiError(500, 'The server had an error while processing your request.', 'server_error'));
      expect((await runProvider(provider)).error).toMatchObject({ retryable: true, status: 500 });
    }
    expect(fake.requests).toHaveLength(3);
  });

  it.each([
    [401, 'Incorrect API key provided', /not set up correctly/],
    [403, 'Project does not have access', /not set up correctly/],
    [404, 'The model `gpt-9` does not exist', /not set up correctly/],
    [400, 'Invalid request: content policy violation', /declined/],
    [400, "'messages' is too long", /could not handle this request/],
  ])('HTTP %i (%s) is permanent, with a plain-words reason', async (status, message, userMessage) => {
    fake.enqueue(openAiError(status, message));
    const { error } = await runProvider(openAi());
    expect(error).toMatchObject({ retryable: false, status, userMessage: expect.stringMatching(userMessage) });
    expect((error as ProviderError).userMessage).not.toMatch(/openai|gpt|http|\d{3}/i);
  });

  it('401 does not leak the API key through the error or its cause', async () => {
    fake.enqueue(
      openAiError(401, `Incorrect API key provided: ${API_KEY}.`, 'invalid_request_error', 'invalid_api_key'),
    );
    const { error } = await runProvider(openAi());
    expect(error).toMatchObject({
      retryable: false,
      message: expect.stringMatching(/OPENAI_API_KEY \(or AI_API_KEY\)/),
    });
    expect(inspect(error, { depth: 10 })).not.toContain(API_KEY);
  });

  it('a refusal in the stream is permanent, with a plain-words reason', async () => {
    fake.enqueue({ body: chatCompletion(null, { refusal: "I'm sorry, I can't help with that." }) });
    const { error, calls } = await runProvider(openAi());
    expect(error).toMatchObject({ retryable: false, userMessage: expect.stringMatching(/declined/) });
    expect(calls[0]).toMatchObject({ inputTokens: 120, error });
  });

  it('a content_filter stop is permanent', async () => {
    fake.enqueue({ body: chatCompletion('<!DOCTYPE html><p>par', { finishReason: 'content_filter' }) });
    expect((await runProvider(openAi())).error).toMatchObject({
      retryable: false,
      userMessage: expect.stringMatching(/declined/),
    });
  });

  it('an answer cut off at the token limit is asked for once more, shorter, and both calls are counted', async () => {
    fake.enqueue(
      { body: chatCompletion(fixture('truncated-json.txt'), { finishReason: 'length' }) },
      { body: chatCompletion(fixture('json-bundle.json')) },
    );
    const { generation, calls } = await runProvider(openAi());
    expect(generation?.bundle.title).toBe('Harbor Lights Café');
    expect(userPromptOf(fake.requests[0]!)).not.toMatch(/cut off/);
    expect(userPromptOf(fake.requests[1]!)).toMatch(/cut off because it was too long/);
    expect(calls).toEqual([expect.objectContaining({ inputTokens: 240, outputTokens: 960 })]);
  });

  it('cut off twice is permanent, telling the user to ask for less', async () => {
    const cut = { body: chatCompletion(fixture('truncated-json.txt'), { finishReason: 'length' }) };
    fake.enqueue(cut, cut);
    const { error } = await runProvider(openAi());
    expect(error).toMatchObject({ retryable: false, userMessage: expect.stringMatching(/too big/) });
    expect(fake.requests).toHaveLength(2);
  });

  it('a slow stream is cut by AI_TIMEOUT_MS: retryable, progress was shown, and the fake sees the connection close', async () => {
    fake.enqueue({ body: chatCompletion(fixture('json-bundle.json')), chunkChars: 20, chunkDelayMs: 100 });
    const started = Date.now();
    const { error, progress, calls } = await runProvider(openAi({ AI_TIMEOUT_MS: '1000' }));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ retryable: true, message: expect.stringMatching(/timed out/) });
    expect(progress.length).toBeGreaterThan(3);
    expect(calls[0]).toMatchObject({ inputTokens: null, error });
    await vi.waitFor(() => expect(fake.abandoned).toHaveLength(1));
  });

  it('cancel mid-stream: the abort ends the call at once as a retryable error, and the fake sees the connection close', async () => {
    fake.enqueue({
      body: chatCompletion(fixture('json-bundle.json')),
      chunkChars: 50,
      chunkDelayMs: 50,
      stallAfterEvents: 6,
    });
    const controller = new AbortController();
    const provider = openAi();
    const pending = runProvider(provider, 'A site', controller.signal);
    await vi.waitFor(() => expect(fake.requests[0]?.eventsSent).toBe(6));
    const abortedAt = Date.now();
    controller.abort();

    const { error } = await pending;
    expect(Date.now() - abortedAt).toBeLessThan(500);
    expect(error).toMatchObject({ retryable: true, message: expect.stringMatching(/aborted/) });
    await vi.waitFor(() => expect(fake.abandoned).toHaveLength(1));
  });

  it('a refused connection is a retryable error', async () => {
    const provider = openAi();
    await fake.close();
    const { error } = await runProvider(provider);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ retryable: true, message: expect.stringMatching(/request failed/) });
    fake = await startFakeOpenAi(); // for afterEach
  });
});

function sectionsAnswer(): string {
  const html =
    '<!DOCTYPE html><html lang="en"><head><title>Cafe</title></head><body><main><h1>Cafe</h1>' +
    '<section><h2 class="t">Our "Menu"</h2><p>Coffee.</p></section><section><h2>Visit &amp; hours</h2><p>Daily.</p></section></main></body></html>';
  return JSON.stringify({ title: 'Cafe', summary: 'A cafe.', files: [{ path: 'index.html', content: html }] });
}
