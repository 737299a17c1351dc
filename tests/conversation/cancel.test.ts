import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { person, RESULT } from '../support/conversation.ts';
import { chatCompletion, startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai.ts';
import { siteAnswerFor } from '../support/fake-ai-server.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { until } from '../support/until.ts';

/** An answer that streams for about 20 s: time to cancel it mid-way. */
const slowAnswer = { body: chatCompletion(siteAnswerFor('a slow site')), chunkChars: 10, chunkDelayMs: 200 };

let system: TestSystem;
let ai: FakeOpenAi;
beforeAll(async () => {
  ai = await startFakeOpenAi();
  // One job at a time, so a second request waits in line.
  system = await startSystem({
    AI_PROVIDER: 'openai',
    AI_API_KEY: 'sk-test-cancel',
    AI_BASE_URL: ai.baseUrl,
    WORKER_CONCURRENCY: '1',
  });
});
afterAll(async () => {
  await system?.close();
  await ai?.close();
});

const jobsOf = (chatId: number) =>
  system.db.selectFrom('jobs').selectAll().where('chat_id', '=', chatId).orderBy('created_at').execute();

describe('/cancel', () => {
  it('stops the running job (its provider call is aborted) and the one waiting in line; the status messages say so, no link follows', async () => {
    const ada = person(system);
    ai.enqueue(slowAnswer);
    await ada.say('a site for a harbour café');
    // Running: the status message moved on to writing.
    await ada.waitForMessage(/^⚙️ Writing your site/);
    await ada.say('a site for a lighthouse museum');
    // Nothing else waits, so it is next — behind the running one (one job at a time).
    await ada.waitForMessage(/^⏳ Got it! Your site is next in line/);

    await ada.say('/cancel');
    const answer = await ada.waitForMessage(/^⏹ Stopped: /);
    expect(answer.text).toBe(
      '⏹ Stopped: <i>a site for a harbour café</i>\n⏹ Stopped: <i>a site for a lighthouse museum</i>',
    );
    await until(async () => (await jobsOf(ada.chatId)).every((job) => job.status === 'cancelled'), 15_000);
    // The provider saw the connection close: the call was aborted, not left to finish.
    await until(() => ai.abandoned.length === 1);
    // Both status messages now say "Stopped."; no result ever arrives, the queued job never ran.
    await until(() => ada.sees().filter((m) => m.text === '⏹ Stopped.').length === 2);
    const [running, queued] = await jobsOf(ada.chatId);
    expect(running).toMatchObject({ status: 'cancelled', attempts: 1 });
    expect(queued).toMatchObject({ status: 'cancelled', attempts: 0 });
    expect(ai.requests).toHaveLength(1);
    expect(ada.sees().some((m) => RESULT.test(m.text))).toBe(false);

    await ada.say('/cancel');
    await ada.waitForMessage(/Nothing to stop/);
  });
});
