import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectStats } from '../../ops/commands/stats.ts';
import { openBroker, type OpsBroker } from '../../ops/open-broker.ts';
import { TEST_RABBITMQ_URL } from '../support/services.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { testQueueNames } from '../support/test-queue.ts';
import { insertAttempt, insertJob, minutesAgo } from './seed.ts';

let database: TestDatabase;
let broker: OpsBroker;
const queues = testQueueNames(1000);

beforeAll(async () => {
  database = await createTestDatabase();
  broker = await openBroker({ url: TEST_RABBITMQ_URL, prefix: queues.prefix, retryBaseDelayMs: 1000 });
});

afterAll(async () => {
  await broker?.close();
  await queues.delete();
  await database?.drop();
});

describe('ops stats', () => {
  it('counts jobs by status per window, with p50/p95 duration, tokens, cost, queue depths and the outbox backlog', async () => {
    const db = database.db;
    // Done in the last hour, taking 1 s and 3 s.
    const fast = await insertJob(db, {
      status: 'done',
      created_at: minutesAgo(10),
      finished_at: new Date(minutesAgo(10).getTime() + 1000),
    });
    const slow = await insertJob(db, {
      status: 'done',
      created_at: minutesAgo(20),
      finished_at: new Date(minutesAgo(20).getTime() + 3000),
    });
    await insertJob(db, { status: 'failed', created_at: minutesAgo(30), finished_at: minutesAgo(29) });
    const old = await insertJob(db, { status: 'queued', created_at: minutesAgo(180) });
    await insertJob(db, {
      status: 'done',
      created_at: minutesAgo(3 * 24 * 60),
      finished_at: minutesAgo(3 * 24 * 60 - 1),
    });
    await insertAttempt(db, fast.id, {
      input_tokens: 100,
      output_tokens: 200,
      cost_usd: 0.001,
      finished_at: minutesAgo(10),
    });
    await insertAttempt(db, slow.id, {
      input_tokens: 50,
      output_tokens: 60,
      cost_usd: 0.0025,
      finished_at: minutesAgo(20),
    });
    await insertAttempt(db, old.id, {
      outcome: 'failed',
      input_tokens: 1000,
      output_tokens: 1000,
      cost_usd: 0.5,
      finished_at: minutesAgo(180),
    });
    await db
      .insertInto('outbox')
      .values([
        { job_id: old.id, payload: JSON.stringify({ jobId: old.id }), created_at: minutesAgo(180) },
        { job_id: fast.id, payload: JSON.stringify({ jobId: fast.id }), published_at: minutesAgo(10) },
      ])
      .execute();
    for (let i = 0; i < 3; i += 1) broker.channel.sendToQueue(queues.names.parked, Buffer.from('not a job'));
    broker.channel.sendToQueue(queues.names.jobs, Buffer.from(JSON.stringify({ jobId: old.id })));
    await broker.channel.waitForConfirms();

    const stats = await collectStats(db, async () => broker);

    expect(stats.jobs).toEqual([
      { window: 'last hour', queued: 0, running: 0, done: 2, failed: 1, cancelled: 0, p50Ms: 2000, p95Ms: 2900 },
      { window: 'last day', queued: 1, running: 0, done: 2, failed: 1, cancelled: 0, p50Ms: 2000, p95Ms: 2900 },
    ]);
    expect(stats.providerUsage[0]).toMatchObject({
      window: 'last hour',
      calls: 2,
      inputTokens: 150,
      outputTokens: 260,
    });
    expect(Number(stats.providerUsage[0]!.costUsd)).toBeCloseTo(0.0035, 8);
    expect(stats.providerUsage[1]).toMatchObject({
      window: 'last day',
      calls: 3,
      inputTokens: 1150,
      outputTokens: 1260,
    });
    expect(Number(stats.providerUsage[1]!.costUsd)).toBeCloseTo(0.5035, 8);
    expect(stats.queues).toMatchObject({ broker: 'rabbitmq', jobsQueue: queues.names.jobs, jobsReady: 1, parked: 3 });
    expect(stats.outbox.unpublished).toBe(1);
    expect(stats.outbox.oldestCreatedAt?.getTime()).toBeCloseTo(minutesAgo(180).getTime(), -4);
  });

  it('says the queue is in-process when there is no RabbitMQ to ask', async () => {
    const stats = await collectStats(database.db, async () => undefined);
    expect(stats.queues.broker).toMatch(/^in-process/);
  });

  it('still reports the database when RabbitMQ cannot be reached, and says so', async () => {
    const unreachable = () =>
      openBroker({ url: 'amqp://guest:guest@127.0.0.1:1', prefix: queues.prefix, retryBaseDelayMs: 1000 });
    const stats = await collectStats(database.db, unreachable);
    expect(stats.queues).toEqual({ broker: 'rabbitmq', error: expect.stringMatching(/^unreachable: .*ECONNREFUSED/) });
    expect(stats.jobs).toHaveLength(2);
  });
});
