import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InvalidAnswerError, ProviderError } from '../../../shared/errors.ts';
import { createProvider } from '../../../worker/generate/create-provider.ts';
import type { Provider } from '../../../worker/generate/provider.ts';
import { runProvider } from '../../support/run-provider.ts';
import {
  geminiAnswer,
  geminiError,
  geminiRateLimit,
  modelOf,
  startFakeGemini,
  userPromptOf,
  type FakeGemini,
} from '../../support/fake-gemini.ts';
import { testConfig } from '../../support/test-config.ts';

const API_KEY = 'AIzaSyTEST-7d1e9c3b5a2f4SECRETKEY';
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/ai-answers/${name}`, import.meta.url), 'utf8');

let fake: FakeGemini;
beforeEach(async () => {
  fake = await startFakeGemini();
});
afterEach(async () => {
  await fake.close();
});

function gemini(env: Record<string, string> = {}): Provider {
  return createProvider(
    testConfig({ AI_PROVIDER: 'gemini', AI_API_KEY: API_KEY, AI_BASE_URL: fake.baseUrl, ...env }).ai,
  );
}

describe('gemini provider (real SDK against a local fake)', () => {
  it('streams a JSON-schema request and returns the validated bundle, with usage, cost and progress', async () => {
    fake.enqueue({
      body: geminiAnswer(fixture('json-bundle.json'), {
        modelVersion: 'gemini-2.5-flash-001',
        usage: { promptTokenCount: 110, candidatesTokenCount: 400, thoughtsTokenCount: 120 },
      }),
      chunkChars: 100,
    });

    const { generation, calls, progress } = await runProvider(gemini(), 'A café by the harbour');

    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request!.path).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    expect(request!.headers['x-goog-api-key']).toBe(API_KEY);
    expect(request!.path).not.toContain(API_KEY); // header, never the query string
    expect(userPromptOf(request!)).toBe('A café by the harbour');
    expect(request!.body).toMatchObject({
      generationConfig: {
        responseMimeType: 'application/json',
        responseJsonSchema: { type: 'object', required: ['title', 'summary', 'files'] },
      },
      systemInstruction: { parts: [{ text: expect.stringContaining('CSS gradients') }] },
    });
    expect(request!.eventsSent).toBeGreaterThan(5);

    expect(generation).toMatchObject({
      provider: 'gemini',
      model: 'gemini-2.5-flash-001',
      bundle: { title: 'Harbor Lights Café' },
    });
    // Thinking tokens are billed as output.
    expect(calls).toEqual([
      expect.objectContaining({
        provider: 'gemini',
        model: 'gemini-2.5-flash-001',
        inputTokens: 110,
        outputTokens: 520,
        costUsd: expect.closeTo((110 * 0.3 + 520 * 2.5) / 1e6, 12),
      }),
    ]);
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)!.bytes).toBe(Buffer.byteLength(fixture('json-bundle.json')));
  });

  it('uses GEMINI_MODEL, or AI_MODEL for the first provider', async () => {
    await runProvider(gemini({ GEMINI_MODEL: 'gemini-2.5-pro' }));
    await runProvider(gemini({ AI_MODEL: 'gemini-2.5-flash-lite' }));
    expect(fake.requests.map((r) => modelOf(r))).toEqual(['gemini-2.5-pro', 'gemini-2.5-flash-lite']);
  });

  it('sends a revision as the previous bundle plus the change', async () => {
    const previous = {
      title: 'Luna & Sol Yoga',
      summary: '',
      files: [{ path: 'index.html', content: '<h1>Luna &amp; Sol</h1>' }],
    };
    await runProvider(gemini(), { prompt: 'Make it darker', previous });
    const user = userPromptOf(fake.requests[0]!);
    expect(user).toContain(JSON.stringify(previous));
    expect(user).toContain('Make it darker');
    expect(user).toMatch(/WHOLE updated bundle/);
  });

  it('a fenced html answer (JSON mode ignored) parses into index.html plus styles.css', async () => {
    fake.enqueue({ body: geminiAnswer(fixture('fenced-html-and-css.md')) });
    const { generation } = await runProvider(gemini(), 'A bike club');
    expect(generation?.bundle.title).toBe('Ridge Riders MTB Club');
    expect(generation?.bundle.files.map((f) => f.path)).toEqual(['index.html', 'styles.css']);
  });

  it('garbage text is a retryable InvalidAnswerError that says why, with its tokens recorded', async () => {
    fake.enqueue({ body: geminiAnswer(fixture('garbage.txt')) });
    const { error, calls } = await runProvider(gemini());
    expect(error).toBeInstanceOf(InvalidAnswerError);
    expect(error).toMatchObject({ retryable: true, message: expect.stringMatching(/neither a JSON bundle nor HTML/) });
    expect(calls[0]).toMatchObject({ inputTokens: 110, outputTokens: 520, error });
  });

  it('an empty answer is an InvalidAnswerError', async () => {
    fake.enqueue({ body: geminiAnswer(null) });
    expect((await runProvider(gemini())).error).toBeInstanceOf(InvalidAnswerError);
  });

  it('429 is retryable and carries the RetryInfo delay; the next call succeeds; the SDK never retries on its own', async () => {
    fake.enqueue(geminiRateLimit(17));
    const provider = gemini();
    const first = await runProvider(provider);
    expect(first.error).toBeInstanceOf(ProviderError);
    expect(first.error).toMatchObject({ retryable: true, status: 429, retryAfterMs: 17_000 });
    expect(fake.requests).toHaveLength(1);
    expect((await runProvider(provider)).generation).toBeDefined();
  });

  it('500 forever: every call is a retryable ProviderError', async () => {
    const provider = gemini();
    for (let i = 0; i < 3; i++) {
      fake.enqueue(geminiError(500, 'An internal error has occurred.', 'INTERNAL'));
      expect((await runProvider(provider)).error).toMatchObject({ retryable: true, status: 500 });
    }
    expect(fake.requests).toHaveLength(3);
  });

  it('an error event in the middle of the stream is classified like the HTTP status it names', async () => {
    fake.enqueue({
      events: [
        geminiAnswerChunk('{"title":'),
        JSON.stringify({ error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } }),
      ],
    });
    expect((await runProvider(gemini())).error).toMatchObject({ retryable: true, status: 503 });
  });

  it('401 is permanent, and neither the error nor its cause contains the API key', async () => {
    fake.enqueue(geminiError(401, `Request had invalid authentication credentials: ${API_KEY}`, 'UNAUTHENTICATED'));
    const { error } = await runProvider(gemini());
    expect(error).toMatchObject({ retryable: false, status: 401, message: expect.stringMatching(/GEMINI_API_KEY/) });
    expect(inspect(error, { depth: 10 })).not.toContain(API_KEY);
    expect((error as ProviderError).userMessage).not.toMatch(/gemini|google|key/i);
  });

  it("Gemini's 400 for a bad key is treated as a credentials problem, without the key", async () => {
    fake.enqueue(geminiError(400, `API key not valid. Please pass a valid API key. (${API_KEY})`, 'INVALID_ARGUMENT'));
    const { error } = await runProvider(gemini());
    expect(error).toMatchObject({ retryable: false, status: 400, message: expect.stringMatching(/credentials/) });
    expect(inspect(error, { depth: 10 })).not.toContain(API_KEY);
    expect((error as ProviderError).userMessage).toMatch(/not set up correctly/);
  });

  it('404 (unknown model) is permanent', async () => {
    fake.enqueue(geminiError(404, 'models/gemini-9 is not found for API version v1beta', 'NOT_FOUND'));
    expect((await runProvider(gemini())).error).toMatchObject({
      retryable: false,
      status: 404,
      userMessage: expect.stringMatching(/not set up correctly/),
    });
  });

  it('a safety stop is a refusal, not retryable', async () => {
    fake.enqueue({ body: geminiAnswer(null, { finishReason: 'SAFETY' }) });
    expect((await runProvider(gemini(), 'Something nasty')).error).toMatchObject({
      retryable: false,
      userMessage: expect.stringMatching(/declined/),
    });
  });

  it('a blocked prompt is a refusal, not retryable', async () => {
    fake.enqueue({
      body: { promptFeedback: { blockReason: 'PROHIBITED_CONTENT' }, usageMetadata: { promptTokenCount: 9 } },
    });
    const { error, calls } = await runProvider(gemini(), 'Something nasty');
    expect(error).toMatchObject({ retryable: false, message: expect.stringMatching(/PROHIBITED_CONTENT/) });
    expect(calls[0]).toMatchObject({ inputTokens: 9, outputTokens: 0 });
  });

  it('MAX_TOKENS is asked for once more, shorter; twice is permanent', async () => {
    const cut = { body: geminiAnswer(fixture('truncated-json.txt'), { finishReason: 'MAX_TOKENS' }) };
    fake.enqueue(cut, { body: geminiAnswer(fixture('json-bundle.json')) }, cut, cut);
    const provider = gemini();

    const first = await runProvider(provider);
    expect(first.generation?.bundle.title).toBe('Harbor Lights Café');
    expect(userPromptOf(fake.requests[1]!)).toMatch(/cut off because it was too long/);
    expect(first.calls[0]).toMatchObject({ inputTokens: 220, outputTokens: 1040 });

    const second = await runProvider(provider);
    expect(second.error).toMatchObject({ retryable: false, userMessage: expect.stringMatching(/too big/) });
    expect(fake.requests).toHaveLength(4);
  });

  it('a slow stream is cut by AI_TIMEOUT_MS: retryable, and the fake sees the connection close', async () => {
    fake.enqueue({ body: geminiAnswer(fixture('json-bundle.json')), chunkChars: 20, chunkDelayMs: 100 });
    const started = Date.now();
    const { error, progress } = await runProvider(gemini({ AI_TIMEOUT_MS: '1000' }));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error).toMatchObject({ retryable: true, message: expect.stringMatching(/timed out/) });
    expect(progress.length).toBeGreaterThan(3);
    await vi.waitFor(() => expect(fake.abandoned).toHaveLength(1));
  });

  it('cancel mid-stream: the abort ends the call at once as a retryable error, and the fake sees the connection close', async () => {
    fake.enqueue({ body: geminiAnswer(fixture('json-bundle.json')), chunkChars: 50, stallAfterEvents: 4 });
    const controller = new AbortController();
    const pending = runProvider(gemini(), 'A site', controller.signal);
    await vi.waitFor(() => expect(fake.requests[0]?.eventsSent).toBe(4));
    const abortedAt = Date.now();
    controller.abort();

    const { error } = await pending;
    expect(Date.now() - abortedAt).toBeLessThan(500);
    expect(error).toMatchObject({ retryable: true, message: expect.stringMatching(/aborted/) });
    await vi.waitFor(() => expect(fake.abandoned).toHaveLength(1));
  });

  it('a refused connection is a retryable error', async () => {
    const provider = gemini();
    await fake.close();
    const { error } = await runProvider(provider);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ retryable: true, message: expect.stringMatching(/request failed/) });
    fake = await startFakeGemini(); // for afterEach
  });
});

/** One streamed chunk carrying `text`, no finish reason yet. */
function geminiAnswerChunk(text: string): string {
  return JSON.stringify({
    candidates: [{ content: { parts: [{ text }], role: 'model' }, index: 0 }],
    modelVersion: 'gemini-2.5-flash',
  });
}
