import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOutboxRelay } from '../../api/outbox/relay.ts';
import { retryFailedJobs, retryJob } from '../../ops/commands/retry.ts';
import { OpsError } from '../../ops/ops-errors.ts';
import { connectQueue, type JobQueue } from '../../shared/queue/index.ts';
import { TEST_RABBITMQ_URL } from '../support/services.ts';
import { testConfig, testLogger } from '../support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { testQueueNames } from '../support/test-queue.ts';
import { insertJob, minutesAgo } from './seed.ts';

let database: TestDatabase;
let queue: JobQueue;
const queues = testQueueNames(1000);

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig({
    DATABASE_URL: database.url,
    RABBITMQ_URL: TEST_RABBITMQ_URL,
    QUEUE_PREFIX: queues.prefix,
    RETRY_BASE_DELAY_MS: '1000',
  });
  queue = await connectQueue(config, testLogger());
});

afterAll(async () => {
  await queue?.close();
  await queues.delete();
  await database?.drop();
});

const failedJob = (createdMinutesAgo = 5) =>
  insertJob(database.db, {
    status: 'failed',
    attempts: 5,
    created_at: minutesAgo(createdMinutesAgo),
    started_at: minutesAgo(createdMinutesAgo),
    finished_at: minutesAgo(createdMinutesAgo - 1),
    error: 'provider_failed: 503',
    user_error: 'The site generator is not answering right now.',
    status_message_id: 11,
    result_message_id: 12,
  });

const pendingOutbox = (jobId: string) =>
  database.db
    .selectFrom('outbox')
    .select('payload')
    .where('job_id', '=', jobId)
    .where('published_at', 'is', null)
    .execute();

describe('ops retry', () => {
  it('re-queues a failed job from scratch with an outbox row, which the relay publishes to RabbitMQ', async () => {
    const job = await failedJob();

    const requeued = await retryJob(database.db, job.id);

    expect(requeued).toEqual([
      expect.objectContaining({ jobId: job.id, wasStatus: 'failed', lastError: 'provider_failed: 503' }),
    ]);
    const row = await database.db.selectFrom('jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'queued',
      attempts: 0,
      error: null,
      user_error: null,
      finished_at: null,
      started_at: null,
      result_message_id: null,
      status_message_id: null,
    });
    expect(await pendingOutbox(job.id)).toEqual([{ payload: { jobId: job.id } }]);

    const relay = startOutboxRelay({ db: database.db, queue, log: testLogger(), pollIntervalMs: 50 });
    try {
      await expect.poll(async () => (await pendingOutbox(job.id)).length, { timeout: 10_000 }).toBe(0);
    } finally {
      await relay.close();
    }
    expect(await queues.drainJobs()).toContainEqual({ jobId: job.id });
  });

  it('refuses a done or running job, and a queued one whose message is still in the outbox, changing nothing', async () => {
    const done = await insertJob(database.db, { status: 'done', finished_at: minutesAgo(1) });
    const running = await insertJob(database.db, { status: 'running', attempts: 1 });
    const queued = await insertJob(database.db, { status: 'queued' });
    await database.db
      .insertInto('outbox')
      .values({ job_id: queued.id, payload: JSON.stringify({ jobId: queued.id }) })
      .execute();

    await expect(retryJob(database.db, done.id)).rejects.toThrow(/is done; only failed jobs/);
    await expect(retryJob(database.db, running.id)).rejects.toThrow(/is running; only failed jobs/);
    await expect(retryJob(database.db, queued.id)).rejects.toThrow(/still in the outbox/);
    expect(await pendingOutbox(done.id)).toEqual([]);
    expect(await pendingOutbox(queued.id)).toHaveLength(1);
  });

  it('re-queues a queued job whose message was lost (nothing pending in the outbox)', async () => {
    const stuck = await insertJob(database.db, { status: 'queued', created_at: minutesAgo(60) });
    await database.db
      .insertInto('outbox')
      .values({ job_id: stuck.id, payload: JSON.stringify({ jobId: stuck.id }), published_at: minutesAgo(59) })
      .execute();

    expect(await retryJob(database.db, stuck.id)).toEqual([
      expect.objectContaining({ jobId: stuck.id, wasStatus: 'queued' }),
    ]);
    expect(await pendingOutbox(stuck.id)).toHaveLength(1);
  });

  it('says plainly when there is no such job', async () => {
    const missing = '3f2b8c1e-6a4d-4e8f-9b1a-2c3d4e5f6a7b';
    await expect(retryJob(database.db, missing)).rejects.toThrow(new OpsError(`no job ${missing}`));
  });

  it('--failed --since re-queues every job that failed in the window, and only those', async () => {
    const recent = [await failedJob(10), await failedJob(50)];
    const before = await failedJob(120);
    const done = await insertJob(database.db, {
      status: 'done',
      created_at: minutesAgo(10),
      finished_at: minutesAgo(9),
    });

    const requeued = await retryFailedJobs(database.db, 60 * 60_000);

    // Earlier tests' failed jobs were re-queued already; what is left failed in the window is ours.
    expect(requeued.map((r) => r.jobId).sort()).toEqual(recent.map((j) => j.id).sort());
    for (const job of recent) expect(await pendingOutbox(job.id)).toHaveLength(1);
    expect(await pendingOutbox(before.id)).toEqual([]);
    expect(await pendingOutbox(done.id)).toEqual([]);
    expect(await retryFailedJobs(database.db, 60 * 60_000)).toEqual([]);
  });
});
