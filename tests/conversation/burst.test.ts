import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { person, RESULT, siteLinkOf } from '../support/conversation.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { until } from '../support/until.ts';

let system: TestSystem;
beforeAll(async () => {
  // The fake Bot API answers 429 (retry_after) beyond ~1 message/s per chat and 30/s overall.
  system = await startSystem({ WORKER_CONCURRENCY: '20' }, { telegram: { enforceLimits: true } });
});
afterAll(() => system?.close());

describe('a burst of 100 jobs from 10 chats under Telegram limits', () => {
  it('every job gets exactly one link; nothing is lost to rate limits', { timeout: 180_000 }, async () => {
    const people = Array.from({ length: 10 }, () => person(system));
    await Promise.all(
      people.flatMap((p) =>
        Array.from({ length: 10 }, (_, i) => p.say(`a site for shop number ${i} of chat ${p.chatId}`)),
      ),
    );

    await until(() => people.every((p) => p.sees().filter((m) => RESULT.test(m.text)).length === 10), 150_000);
    // Each status message is taken away right after its result went out.
    await until(() => people.every((p) => p.sees().length === 10), 10_000).catch(() => undefined);
    for (const p of people) {
      const results = p.sees().filter((m) => RESULT.test(m.text));
      // Ten different sites, one message each; the status messages are all gone.
      expect(new Set(results.map((m) => siteLinkOf(m).previewId)).size).toBe(10);
      const shown = p.sees().map((m) => m.text.split('\n')[0]);
      expect(shown.length, JSON.stringify(shown)).toBe(10);
    }
    const jobs = await system.db.selectFrom('jobs').select(['status', 'result_message_id']).execute();
    expect(jobs).toHaveLength(100);
    expect(jobs.every((j) => j.status === 'done' && j.result_message_id !== null)).toBe(true);
    // Whatever the fake refused was sent again later: every accepted final message is one of the 100.
    const finals = system.telegram.calls.filter(
      (c) => c.method === 'sendMessage' && c.status === 200 && RESULT.test(String(c.payload.text)),
    );
    expect(finals).toHaveLength(100);
    console.log(`burst: ${system.telegram.rateLimited} calls answered 429 and retried`);
  });
});
