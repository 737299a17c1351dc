import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOutboxRelay, type OutboxRelay } from '../../api/outbox/relay.ts';
import type { JobQueue } from '../../shared/queue/index.ts';
import { createRabbitQueue } from '../../shared/queue/rabbitmq.ts';
import { closeBrokerConnections } from '../support/broker-connections.ts';
import { TEST_RABBITMQ_URL } from '../support/services.ts';
import { testLogger } from '../support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { testQueueNames } from '../support/test-queue.ts';
import { until } from '../support/until.ts';

let database: TestDatabase;
let names: ReturnType<typeof testQueueNames>;
const opened: Array<OutboxRelay | JobQueue> = [];

beforeEach(async () => {
  database = await createTestDatabase();
  names = testQueueNames(1000);
});
afterEach(async () => {
  // Relays first (they were opened after their queues), then the queues.
  for (const closable of opened.reverse()) await closable.close();
  opened.length = 0;
  await names.delete();
  await database.drop();
});

async function openQueue(role: string, reconnectDelayMs = 250): Promise<JobQueue> {
  const queue = await createRabbitQueue({
    url: TEST_RABBITMQ_URL,
    prefix: names.prefix,
    prefetch: 1,
    retryBaseDelayMs: 1000,
    reconnectDelayMs,
    connectionName: `${names.prefix}/${role}`,
    log: testLogger(),
  });
  opened.push(queue);
  return queue;
}

function startRelay(queue: JobQueue, batchSize = 100): OutboxRelay {
  const relay = startOutboxRelay({ db: database.db, queue, log: testLogger(), pollIntervalMs: 100, batchSize });
  opened.push(relay);
  return relay;
}

/** Jobs with their outbox rows, as the webhook would have committed them. */
async function insertJobs(count: number): Promise<string[]> {
  const jobs = await database.db
    .insertInto('jobs')
    .values(Array.from({ length: count }, (_, i) => ({ chat_id: 5000 + i, prompt: `site ${i}` })))
    .returning('id')
    .execute();
  await database.db
    .insertInto('outbox')
    .values(jobs.map((job) => ({ job_id: job.id, payload: JSON.stringify({ jobId: job.id }) })))
    .execute();
  return jobs.map((job) => job.id);
}

const outboxRows = () =>
  database.db.selectFrom('outbox').select(['job_id', 'published_at', 'publish_attempts']).execute();
const allPublished = async () => (await outboxRows()).every((row) => row.published_at !== null);

/** Each id's number of messages on the jobs queue. */
async function publishedCounts(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const message of await names.drainJobs()) counts.set(message.jobId!, (counts.get(message.jobId!) ?? 0) + 1);
  return counts;
}

describe('outbox relay', () => {
  it('two relays over one outbox publish every row exactly once', async () => {
    const ids = await insertJobs(300);
    // Small batches, so the two relays really take turns over the same rows.
    startRelay(await openQueue('relay-a'), 20);
    startRelay(await openQueue('relay-b'), 20);

    await until(allPublished, 20_000);
    const counts = await publishedCounts();
    expect(counts.size).toBe(300);
    expect([...counts.keys()].sort()).toEqual([...ids].sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('keeps rows while the broker connection is down and publishes them once after the reconnect', async () => {
    const queue = await openQueue('relay', 1500);
    const relay = startRelay(queue);
    await closeBrokerConnections(names.prefix);
    await until(async () => (await settled(queue.ping())) === 'rejected');

    const ids = await insertJobs(5);
    relay.wake();
    await until(async () => (await outboxRows()).some((row) => row.publish_attempts > 0));
    expect((await outboxRows()).every((row) => row.published_at === null)).toBe(true);

    await until(allPublished, 15_000);
    const counts = await publishedCounts();
    expect([...counts.keys()].sort()).toEqual([...ids].sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('does not mark a row the broker returned as unroutable; it goes out once the queue is declared again', async () => {
    const queue = await openQueue('relay');
    const relay = startRelay(queue);
    await names.deleteJobsQueue();

    const [id] = await insertJobs(1);
    relay.wake();
    await until(async () => (await outboxRows()).some((row) => row.publish_attempts > 0));
    expect((await outboxRows())[0]?.published_at).toBeNull();

    await until(allPublished, 15_000);
    expect([...(await publishedCounts()).entries()]).toEqual([[id, 1]]);
  });
});

async function settled(promise: Promise<unknown>): Promise<'fulfilled' | 'rejected'> {
  return promise.then(
    () => 'fulfilled',
    () => 'rejected',
  );
}
