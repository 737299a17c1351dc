import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAiError, startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { textUpdate } from '../support/updates.ts';

let system: TestSystem;
let ai: FakeOpenAi;

beforeAll(async () => {
  ai = await startFakeOpenAi();
  system = await startSystem({
    AI_PROVIDER: 'openai',
    AI_API_KEY: 'sk-test-outcomes',
    AI_BASE_URL: ai.baseUrl,
    MAX_RETRIES: '3',
  });
});
afterAll(async () => {
  await system?.close();
  await ai?.close();
});

async function submit(prompt: string) {
  const update = textUpdate(prompt);
  expect((await system.postUpdate(update)).status).toBe(200);
  const job = await system.db
    .selectFrom('jobs')
    .select('id')
    .where('update_id', '=', update.update_id)
    .executeTakeFirstOrThrow();
  return { chatId: update.message.chat.id, jobId: job.id };
}

const finalMessages = (chatId: number) => system.telegram.messagesTo(chatId).filter((text) => !text.startsWith('⏳'));
const attemptsOf = (jobId: string) =>
  system.db
    .selectFrom('job_attempts')
    .select(['attempt', 'outcome', 'provider_status', 'error_code'])
    .where('job_id', '=', jobId)
    .orderBy('attempt')
    .execute();

describe('job outcomes', () => {
  it('a provider that fails twice and then answers finishes the job on attempt 3, with both failures recorded', async () => {
    ai.enqueue(openAiError(500, 'upstream overloaded', 'server_error'), openAiError(503, 'try later', 'server_error'));
    const { chatId, jobId } = await submit('a site for a bike repair shop');

    await system.telegram.waitFor(() => finalMessages(chatId).length > 0);
    const job = await system.db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'done', attempts: 3 });
    expect(await attemptsOf(jobId)).toEqual([
      { attempt: 1, outcome: 'failed', provider_status: 500, error_code: 'provider_failed' },
      { attempt: 2, outcome: 'failed', provider_status: 503, error_code: 'provider_failed' },
      { attempt: 3, outcome: 'succeeded', provider_status: null, error_code: null },
    ]);
    // One "working" message for the job (not one per attempt) and exactly one link.
    expect(system.telegram.messagesTo(chatId).filter((t) => t.startsWith('⏳'))).toHaveLength(1);
    expect(finalMessages(chatId)).toHaveLength(1);
    expect(finalMessages(chatId)[0]).toMatch(/\/p\/[a-z2-7]{26}\//);
  });

  it('a provider that always fails parks the job as failed after MAX_RETRIES and tells the user once, in plain words', async () => {
    ai.enqueue(...Array.from({ length: 3 }, () => openAiError(500, 'internal error', 'server_error')));
    const { chatId, jobId } = await submit('a site for a flower shop');

    await system.telegram.waitFor(() => finalMessages(chatId).length > 0);
    const job = await system.db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'failed', attempts: 3, preview_id: null });
    expect(job.error).toMatch(/provider_failed/);
    expect((await attemptsOf(jobId)).map((a) => a.outcome)).toEqual(['failed', 'failed', 'failed']);

    const [message] = finalMessages(chatId);
    expect(message).toMatch(/could not build your site/);
    // Plain words: no vendor, status codes, ids or stack traces.
    expect(message).not.toMatch(/openai|500|error:|at .*\.ts|[0-9a-f]{8}-[0-9a-f]{4}/i);
    await new Promise((r) => setTimeout(r, 500));
    expect(finalMessages(chatId)).toHaveLength(1);
  });

  it('a refusal (a 400 the provider will repeat) fails at once, without retries', async () => {
    ai.enqueue(openAiError(400, 'Invalid request: content policy'));
    const { chatId, jobId } = await submit('a site that breaks rules');
    await system.telegram.waitFor(() => finalMessages(chatId).length > 0);
    expect(await attemptsOf(jobId)).toHaveLength(1);
    expect(
      (await system.db.selectFrom('jobs').select('status').where('id', '=', jobId).executeTakeFirstOrThrow()).status,
    ).toBe('failed');
  });

  it('an answer that is not a page is retried, and the reason is recorded', async () => {
    ai.enqueue({
      body: {
        id: 'x',
        object: 'chat.completion',
        created: 0,
        model: 'm',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: 'Sorry, I cannot help with websites today.' },
            finish_reason: 'stop',
          },
        ],
      },
    });
    const { chatId, jobId } = await submit('a site for a tea room');
    await system.telegram.waitFor(() => finalMessages(chatId).length > 0);
    const attempts = await attemptsOf(jobId);
    expect(attempts.map((a) => a.outcome)).toEqual(['failed', 'succeeded']);
    expect(attempts[0]?.error_code).toBe('invalid_answer');
  });

  it('a redelivered message for a finished job sends nothing again', async () => {
    const { chatId, jobId } = await submit('a site for a bakery');
    await system.telegram.waitFor(() => finalMessages(chatId).length > 0);
    await system.queues.sendRaw(JSON.stringify({ jobId }));
    await new Promise((r) => setTimeout(r, 800));
    expect(finalMessages(chatId)).toHaveLength(1);
    expect(
      (await system.db.selectFrom('jobs').select('attempts').where('id', '=', jobId).executeTakeFirstOrThrow())
        .attempts,
    ).toBe(1);
  });

  it('the same update delivered twice makes one job and one link', async () => {
    const update = textUpdate('a site for a surf school');
    await Promise.all([system.postUpdate(update), system.postUpdate(update)]);
    const chatId = update.message.chat.id;
    await system.telegram.waitFor(() => finalMessages(chatId).length > 0);
    await new Promise((r) => setTimeout(r, 500));
    expect(finalMessages(chatId)).toHaveLength(1);
  });
});
