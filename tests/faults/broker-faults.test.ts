import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultReportLine, siteReply, startFaultSystem, type FaultSystem } from '../support/fault-system.ts';

// The api (in this process) and two worker processes, all losing their RabbitMQ connections twice
// while 200 jobs flow. Nobody dies: every worker renews its leases, so no job may ever be taken over.
const JOBS = 200;
let system: FaultSystem;
const report: string[] = [];

beforeAll(async () => {
  system = await startFaultSystem({
    AI_TIMEOUT_MS: '10000',
    RETRY_BASE_DELAY_MS: '100',
    WORKER_CONCURRENCY: '8',
  });
  await Promise.all([system.startWorker(), system.startWorker()]);
});
afterAll(async () => {
  await system?.close();
  if (report.length > 0) console.log(report.join('\n'));
});

describe('broker faults (real worker processes)', () => {
  it(
    `broker connections closed twice during a burst of ${JOBS} jobs: every job completes, none twice`,
    { timeout: 120_000 },
    async () => {
      // A short provider delay keeps jobs in flight at the moments the connections drop.
      system.ai.enqueue(...Array.from({ length: JOBS }, (_, i) => siteReply(40, `site ${i}`)));
      const finished = (chatIds: number[]) =>
        chatIds.filter((chatId) => system.finalMessages(chatId).length > 0).length;

      // Updates keep arriving for a few seconds, so the first cut also hits the outbox relay mid-stream.
      const chatIds = system.chats(JOBS);
      const submitting = system.submit(
        chatIds.map((_, i) => `a site for shop number ${i}`),
        { chatIds, chunk: 10, pauseMs: 200 },
      );
      await system.telegram.waitFor(() => finished(chatIds) >= JOBS * 0.1, 60_000);
      // api (outbox relay) and both workers, each with its jobs queue and its render queue (the
      // hand-over to a renderer): five connections, all closed by the broker.
      expect(await system.closeBrokerConnections()).toBe(5);
      await submitting;
      await system.telegram.waitFor(() => finished(chatIds) >= JOBS * 0.6, 60_000);
      expect(await system.closeBrokerConnections()).toBe(5);

      await system.waitForFinal(chatIds, 90_000);
      await system.settle();
      const counts = system.count(chatIds);
      report.push(faultReportLine(`broker connections closed twice during ${JOBS} jobs`, counts));
      expect(counts).toEqual({ sent: JOBS, completed: JOBS, lost: 0, duplicated: 0 });

      const jobs = await system.db.selectFrom('jobs').select(['status', 'preview_id']).execute();
      expect(jobs.filter((job) => job.status === 'done' && job.preview_id)).toHaveLength(JOBS);
      const unpublished = await system.db.selectFrom('outbox').select('id').where('published_at', 'is', null).execute();
      expect(unpublished).toEqual([]);
      expect(await system.queues.drainParked()).toEqual([]);
    },
  );
});
