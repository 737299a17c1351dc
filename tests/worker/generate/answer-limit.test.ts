import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { BundleTooBigError } from '../../../shared/errors.ts';
import { MAX_ANSWER_CHARS } from '../../../worker/generate/ask-for-bundle.ts';
import { createProvider } from '../../../worker/generate/create-provider.ts';
import { chatCompletion, startFakeOpenAi, type FakeOpenAi } from '../../support/fake-openai.ts';
import { runProvider } from '../../support/run-provider.ts';
import { testConfig } from '../../support/test-config.ts';

let fake: FakeOpenAi;
beforeEach(async () => {
  fake = await startFakeOpenAi();
});
afterEach(async () => {
  await fake.close();
});

it('an answer longer than any publishable site is cut off mid-stream and fails for good, the connection closed', async () => {
  const provider = createProvider(
    testConfig({ AI_PROVIDER: 'openai', AI_API_KEY: 'sk-test', AI_BASE_URL: fake.baseUrl }).ai,
  );
  const endless = 'x'.repeat(MAX_ANSWER_CHARS + 256 * 1024);
  fake.enqueue({ body: chatCompletion(endless), chunkChars: 64 * 1024, chunkDelayMs: 10 });

  const { error, calls } = await runProvider(provider);

  expect(error).toBeInstanceOf(BundleTooBigError);
  expect(error).toMatchObject({ retryable: false, userReason: 'tooBigOnceBuilt' });
  expect(calls.map((call) => call.error)).toEqual([error]);
  expect(fake.requests).toHaveLength(1);
  await vi.waitFor(() => expect(fake.abandoned).toHaveLength(1));
});
