import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geminiRateLimit, startFakeGemini, type FakeGemini } from '../support/fake-gemini.ts';
import { openAiRateLimit, startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { textUpdate } from '../support/updates.ts';

/** Posts a request and waits for the job's one final message. */
async function submitAndFinish(system: TestSystem, prompt: string) {
  const update = textUpdate(prompt);
  expect((await system.postUpdate(update)).status).toBe(200);
  const chatId = update.message.chat.id;
  await system.telegram.waitFor(() => system.telegram.messagesTo(chatId).some((t) => !t.startsWith('⏳')));
  return system.db.selectFrom('jobs').selectAll().where('update_id', '=', update.update_id).executeTakeFirstOrThrow();
}

const attemptsOf = (system: TestSystem, jobId: string) =>
  system.db.selectFrom('job_attempts').selectAll().where('job_id', '=', jobId).orderBy('id').execute();

describe('usage and cost of every attempt (fake OpenAI through the whole system)', () => {
  let system: TestSystem;
  let openAi: FakeOpenAi;
  beforeAll(async () => {
    openAi = await startFakeOpenAi();
    system = await startSystem({ AI_PROVIDER: 'openai', AI_API_KEY: 'sk-test-usage', AI_BASE_URL: openAi.baseUrl });
  });
  afterAll(async () => {
    await system?.close();
    await openAi?.close();
  });

  it('a served job records provider, model, tokens, latency and an estimated cost, and which provider served it', async () => {
    const job = await submitAndFinish(system, 'a site for a ramen bar');

    expect(job).toMatchObject({ status: 'done', provider: 'openai' });
    const attempts = await attemptsOf(system, job.id);
    expect(attempts).toEqual([
      expect.objectContaining({
        attempt: 1,
        outcome: 'succeeded',
        provider: 'openai',
        model: 'gpt-4o-mini',
        input_tokens: 120,
        output_tokens: 480,
        error_code: null,
      }),
    ]);
    expect(attempts[0]!.duration_ms).toBeGreaterThanOrEqual(0);
    expect(Number(attempts[0]!.cost_usd)).toBeGreaterThan(0);
    expect(Number(attempts[0]!.cost_usd)).toBeCloseTo((120 * 0.15 + 480 * 0.6) / 1e6, 8);
  });

  it('a rate-limited attempt records what is known, and the retry waits at least the retry-after', async () => {
    openAi.enqueue(openAiRateLimit(1));
    const job = await submitAndFinish(system, 'a site for a tattoo studio');

    const [failed, served] = await attemptsOf(system, job.id);
    expect(failed).toMatchObject({
      attempt: 1,
      outcome: 'failed',
      provider: 'openai',
      model: 'gpt-4o-mini',
      provider_status: 429,
      input_tokens: null,
      cost_usd: null,
    });
    expect(served).toMatchObject({ attempt: 2, outcome: 'succeeded', input_tokens: 120 });
    // RETRY_BASE_DELAY_MS is 100 in the test system: only retry-after explains a second's wait.
    expect(served!.started_at.getTime() - failed!.started_at.getTime()).toBeGreaterThanOrEqual(1000);
  });
});

describe('failover (AI_PROVIDER=openai,gemini through the whole system)', () => {
  let system: TestSystem;
  let openAi: FakeOpenAi;
  let gemini: FakeGemini;
  beforeAll(async () => {
    [openAi, gemini] = await Promise.all([startFakeOpenAi(), startFakeGemini()]);
    system = await startSystem({
      AI_PROVIDER: 'openai,gemini',
      OPENAI_API_KEY: 'sk-test-failover',
      OPENAI_BASE_URL: openAi.baseUrl,
      GEMINI_API_KEY: 'AIza-test-failover',
      GEMINI_BASE_URL: gemini.baseUrl,
    });
  });
  afterAll(async () => {
    await system?.close();
    await Promise.all([openAi?.close(), gemini?.close()]);
  });

  it('a rate-limited first provider hands the job to the second in the same attempt; both calls are recorded', async () => {
    openAi.enqueue(openAiRateLimit(30));
    const job = await submitAndFinish(system, 'a site for a climbing gym');

    expect(job).toMatchObject({ status: 'done', attempts: 1, provider: 'gemini' });
    expect(await attemptsOf(system, job.id)).toEqual([
      expect.objectContaining({
        attempt: 1,
        outcome: 'failed',
        provider: 'openai',
        provider_status: 429,
        error_code: 'provider_failed',
      }),
      expect.objectContaining({
        attempt: 1,
        outcome: 'succeeded',
        provider: 'gemini',
        model: 'gemini-2.5-flash',
        input_tokens: 110,
        output_tokens: 520,
      }),
    ]);
  });

  it('when both are down the job retries later, and the next attempt starts with the first provider again', async () => {
    openAi.enqueue(openAiRateLimit(1));
    gemini.enqueue(geminiRateLimit(1));
    const job = await submitAndFinish(system, 'a site for a sailing club');

    expect(job).toMatchObject({ status: 'done', attempts: 2, provider: 'openai' });
    expect((await attemptsOf(system, job.id)).map((a) => [a.attempt, a.provider, a.outcome])).toEqual([
      [1, 'openai', 'failed'],
      [1, 'gemini', 'failed'],
      [2, 'openai', 'succeeded'],
    ]);
  });
});
