import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARK_REASON_HEADER } from '../../shared/queue/index.ts';
import { faultReportLine, siteReply, startFaultSystem, type FaultSystem } from '../support/fault-system.ts';
import { openAiError } from '../support/fake-openai.ts';
import type { WorkerProcess } from '../support/worker-process.ts';

// Workers are real processes here: killed with SIGKILL, stopped with SIGTERM. Leases are short
// (JOB_LEASE_MS 3 s, renewed every second), so a dead worker's jobs come back within seconds.
let system: FaultSystem;
/** The worker left running between tests. */
let worker: WorkerProcess | undefined;
const report: string[] = [];

beforeAll(async () => {
  system = await startFaultSystem({
    AI_TIMEOUT_MS: '3000',
    JOB_LEASE_MS: '3000',
    RETRY_BASE_DELAY_MS: '250',
    MAX_RETRIES: '3',
    WORKER_CONCURRENCY: '4',
  });
});
afterAll(async () => {
  await system?.close();
  // Printed with the test output: one line per scenario.
  if (report.length > 0) console.log(report.join('\n'));
});

/** Adds the scenario's line to the report and checks the two numbers that matter. */
function expectNoneLostOrDuplicated(scenario: string, chatIds: number[]) {
  const counts = system.count(chatIds);
  report.push(faultReportLine(scenario, counts));
  expect(counts).toMatchObject({ completed: chatIds.length, lost: 0, duplicated: 0 });
}

/** Resolves once the fake provider has received `count` more requests than `since`. */
const providerRequests = (since: number, count: number) =>
  system.telegram.waitFor(() => system.ai.requests.length >= since + count, 30_000);

// Generous timeouts: these start processes, and a loaded CI machine starts them slowly.
describe('worker faults (real worker processes)', { timeout: 90_000 }, () => {
  it('a worker killed with SIGKILL mid-generation: another worker finishes its jobs, each user gets exactly one result', async () => {
    const first = await system.startWorker();
    const before = system.ai.requests.length;
    // Four slow answers: the first worker (prefetch 4) is mid-generation on all four when it dies.
    system.ai.enqueue(...Array.from({ length: 4 }, () => siteReply(30_000)));
    const chatIds = await system.submit([
      'a site for a ski school',
      'a site for a kennel',
      'a site for a barber',
      'a site for a choir',
    ]);
    await providerRequests(before, 4);

    // The second worker starts while the first holds all four (so it cannot take one early).
    const second = system.startWorker();
    first.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    worker = await second;

    await system.waitForFinal(chatIds);
    await system.settle();
    for (const chatId of chatIds) {
      const job = await system.jobOf(chatId);
      expect(job).toMatchObject({ status: 'done', attempts: 2 });
      // The killed attempt left no row; the second one succeeded.
      expect((await system.attemptsOf(job.id)).map((a) => [a.attempt, a.outcome])).toEqual([[2, 'succeeded']]);
      expect(system.finalMessages(chatId)[0]).toMatch(/\/p\/[a-z2-7]{26}\//);
    }
    expectNoneLostOrDuplicated('worker SIGKILL mid-generation', chatIds);
  });

  it('a poison message (not JSON, or not a job) is parked with its reason, and the worker keeps going', async () => {
    await system.queues.sendRaw('{"jobId": ');
    await system.queues.sendRaw(JSON.stringify({ jobId: 'not-a-uuid' }));
    const chatIds = await system.submit(['a site for a bookbinder']);

    await system.waitForFinal(chatIds);
    await system.settle();
    const parked = await system.queues.drainParked();
    expect(parked.map((m) => m.body).sort()).toEqual(['{"jobId": ', '{"jobId":"not-a-uuid"}']);
    expect(
      parked.every((m) => /does not match the job message schema/.test(String(m.headers[PARK_REASON_HEADER]))),
    ).toBe(true);
    expect(worker?.running).toBe(true);
    expectNoneLostOrDuplicated('poison messages in the queue', chatIds);
  });

  it('a provider that fails twice, then answers: the job is done on attempt 3, both failures recorded', async () => {
    system.ai.enqueue(
      openAiError(500, 'upstream overloaded', 'server_error'),
      openAiError(503, 'try later', 'server_error'),
    );
    const chatIds = await system.submit(['a site for a bike repair shop']);

    await system.waitForFinal(chatIds);
    await system.settle();
    const job = await system.jobOf(chatIds[0]!);
    expect(job).toMatchObject({ status: 'done', attempts: 3 });
    expect((await system.attemptsOf(job.id)).map((a) => [a.attempt, a.outcome])).toEqual([
      [1, 'failed'],
      [2, 'failed'],
      [3, 'succeeded'],
    ]);
    expectNoneLostOrDuplicated('provider fails twice, then answers', chatIds);
  });

  it('a provider that always fails: the job is parked as failed after MAX_RETRIES and the user is told once', async () => {
    system.ai.enqueue(...Array.from({ length: 3 }, () => openAiError(500, 'internal error', 'server_error')));
    const chatIds = await system.submit(['a site for a flower shop']);

    await system.waitForFinal(chatIds);
    await system.settle();
    const job = await system.jobOf(chatIds[0]!);
    expect(job).toMatchObject({ status: 'failed', attempts: 3 });
    expect(system.finalMessages(chatIds[0]!)[0]).toMatch(/could not build your site/);
    // MAX_RETRIES used up is not a parked message: the job row is the record (see shared/queue/rabbitmq.ts).
    expect(await system.queues.drainParked()).toEqual([]);
    expectNoneLostOrDuplicated('provider always fails', chatIds);
  });

  it('SIGTERM: the job in flight finishes within the grace period, then the worker exits 0', async () => {
    const before = system.ai.requests.length;
    system.ai.enqueue(siteReply(1000));
    const chatIds = await system.submit(['a site for a sailing club']);
    await providerRequests(before, 1);

    worker!.kill('SIGTERM');
    expect(await worker!.exited).toEqual({ code: 0, signal: null });
    worker = undefined;
    // Finished before the process went away, by this worker: no other worker runs.
    expect(system.finalMessages(chatIds[0]!)).toHaveLength(1);
    expect(await system.jobOf(chatIds[0]!)).toMatchObject({ status: 'done', attempts: 1 });
    expectNoneLostOrDuplicated('SIGTERM within the grace period', chatIds);
  });

  it('SIGTERM: a job that outlasts the grace period is aborted, recorded as a retryable failure, and finished by another worker', async () => {
    const stopping = await system.startWorker({ SHUTDOWN_GRACE_MS: '300' });
    const before = system.ai.requests.length;
    const abandonedBefore = system.ai.abandoned.length;
    system.ai.enqueue(siteReply(30_000));
    const chatIds = await system.submit(['a site for a jazz bar']);
    await providerRequests(before, 1);

    const replacement = system.startWorker();
    const stoppedAt = Date.now();
    stopping.kill('SIGTERM');
    expect(await stopping.exited).toEqual({ code: 0, signal: null });
    // Well before the provider would have answered (30 s).
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    // The provider call was cut off (the fake saw the client hang up), and the attempt recorded.
    expect(system.ai.abandoned).toHaveLength(abandonedBefore + 1);
    const job = await system.jobOf(chatIds[0]!);
    expect(await system.attemptsOf(job.id)).toEqual([{ attempt: 1, outcome: 'failed', error_code: 'provider_failed' }]);

    worker = await replacement;
    await system.waitForFinal(chatIds);
    await system.settle();
    expect(await system.jobOf(chatIds[0]!)).toMatchObject({ status: 'done', attempts: 2 });
    expectNoneLostOrDuplicated('SIGTERM past the grace period', chatIds);
  });
});
