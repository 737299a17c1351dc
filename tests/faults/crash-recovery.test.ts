import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultReportLine, siteReply, startFaultSystem, type FaultSystem } from '../support/fault-system.ts';

// Default settings, as production runs them: the fault system's short timeouts are unset here
// (AI_TIMEOUT_MS 120 s, JOB_LEASE_MS 15 s, the default retries). Only the worker's concurrency is
// raised, so the burst is in flight on both workers at once.
const JOBS = 40;
const PROVIDER_MS = 3000;
const ANSWERED_WITHIN_MS = 30_000;

let system: FaultSystem;
beforeAll(async () => {
  system = await startFaultSystem({
    AI_TIMEOUT_MS: '',
    JOB_LEASE_MS: '',
    RETRY_BASE_DELAY_MS: '',
    MAX_RETRIES: '',
    SHUTDOWN_GRACE_MS: '',
    WORKER_CONCURRENCY: '20',
  });
});
afterAll(() => system?.close());

/** When each of the chat's final messages (not the "⏳ in line" acknowledgement) was accepted. */
const finalsAt = (chatId: number) =>
  system.telegram.calls
    .filter(
      (call) =>
        call.method === 'sendMessage' &&
        call.status === 200 &&
        Number(call.payload.chat_id) === chatId &&
        !String(call.payload.text).startsWith('⏳'),
    )
    .map((call) => call.at);

describe('crash recovery with the default lease', { timeout: 120_000 }, () => {
  it(`a worker killed with SIGKILL mid-generation in a burst of ${JOBS}: every chat is answered within 30 s of the kill, none twice`, async () => {
    const [doomed] = await Promise.all([system.startWorker(), system.startWorker()]);
    // Every generation takes 3 s: the jobs the killed worker had are generated again by the other.
    system.ai.enqueue(...Array.from({ length: JOBS * 2 }, (_, i) => siteReply(PROVIDER_MS, `site ${i}`)));
    const chatIds = await system.submit(Array.from({ length: JOBS }, (_, i) => `a site for shop number ${i}`));
    // Both workers are mid-generation on 20 jobs each.
    await system.telegram.waitFor(() => system.ai.requests.length >= JOBS, 60_000);

    doomed.kill('SIGKILL');
    const killedAt = Date.now();
    expect((await doomed.exited).signal).toBe('SIGKILL');

    await system.waitForFinal(chatIds, ANSWERED_WITHIN_MS + 30_000);
    const lastAnswerAt = Math.max(...chatIds.flatMap(finalsAt));
    const counts = system.count(chatIds);
    console.log(
      `${faultReportLine('worker SIGKILL in a burst, default lease', counts)}; last answer ${lastAnswerAt - killedAt} ms after the kill`,
    );
    expect(counts).toMatchObject({ completed: JOBS, lost: 0, duplicated: 0 });
    expect(lastAnswerAt - killedAt).toBeLessThanOrEqual(ANSWERED_WITHIN_MS);
    // The killed worker's jobs were taken over: a second attempt, not a retry after a failure.
    const jobs = await Promise.all(chatIds.map((chatId) => system.jobOf(chatId)));
    expect(jobs.every((job) => job.status === 'done')).toBe(true);
    expect(jobs.filter((job) => job.attempts === 2).length).toBeGreaterThan(0);
  });
});
