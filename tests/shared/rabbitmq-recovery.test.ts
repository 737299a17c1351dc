import amqp from 'amqplib';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BrokerUnavailableError,
  UnroutableMessageError,
  type JobMessage,
  type JobQueue,
} from '../../shared/queue/index.ts';
import { createRabbitQueue } from '../../shared/queue/rabbitmq.ts';
import { closeBrokerConnections } from '../support/broker-connections.ts';
import { TEST_RABBITMQ_URL } from '../support/services.ts';
import { testLogger } from '../support/test-config.ts';
import { testQueueNames } from '../support/test-queue.ts';
import { until } from '../support/until.ts';

const RETRY_BASE_MS = 50;
/** Slow enough that the test sees the outage, fast enough to keep the test short. */
const RECONNECT_DELAY_MS = 1000;

let names: ReturnType<typeof testQueueNames>;
let queue: JobQueue | undefined;

async function open(): Promise<JobQueue> {
  names = testQueueNames(RETRY_BASE_MS);
  queue = await createRabbitQueue({
    url: TEST_RABBITMQ_URL,
    prefix: names.prefix,
    prefetch: 4,
    retryBaseDelayMs: RETRY_BASE_MS,
    reconnectDelayMs: RECONNECT_DELAY_MS,
    connectionName: `${names.prefix}/test`,
    log: testLogger(),
  });
  return queue;
}

afterEach(async () => {
  await queue?.close();
  queue = undefined;
  await names.delete();
});

const jobId = () => crypto.randomUUID();

describe('rabbitmq adapter under broker faults', () => {
  it('fails publishes and pings at once while disconnected, then reconnects and resumes consuming with the same handler', async () => {
    const q = await open();
    const seen: JobMessage[] = [];
    await q.consume(async (m) => (seen.push(m), { action: 'ack' }));
    const before = { jobId: jobId() };
    await q.publish(before);
    await until(() => seen.length === 1, 5000);

    expect(await closeBrokerConnections(names.prefix)).toBe(1);
    await until(async () => (await settled(q.ping())) === 'rejected', 5000);
    await expect(q.publish({ jobId: jobId() })).rejects.toBeInstanceOf(BrokerUnavailableError);

    await until(async () => (await settled(q.ping())) === 'fulfilled', 10_000);
    const after = { jobId: jobId() };
    await q.publish(after);
    await until(() => seen.length === 2, 5000);
    expect(seen).toEqual([before, after]);
  });

  it('does not ack a delivery whose channel died while it was handled; the broker redelivers it', async () => {
    const q = await open();
    const calls: string[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await q.consume(async (m) => {
      calls.push(m.jobId);
      if (calls.length === 1) await released;
      return { action: 'ack' };
    });
    const message = { jobId: jobId() };
    await q.publish(message);
    await until(() => calls.length === 1, 5000);

    await closeBrokerConnections(names.prefix);
    await until(() => calls.length === 2, 10_000);
    release();
    await new Promise((r) => setTimeout(r, 300));
    expect(calls).toEqual([message.jobId, message.jobId]);
    expect(await readyCount(names.names.jobs)).toBe(0);
  });

  it('rejects a publish the broker returns as unroutable, then declares its queues again', async () => {
    const q = await open();
    await names.deleteJobsQueue();

    await expect(q.publish({ jobId: jobId() })).rejects.toBeInstanceOf(UnroutableMessageError);

    await until(async () => (await settled(q.ping())) === 'fulfilled', 10_000);
    await q.publish({ jobId: jobId() });
    expect(await readyCount(names.names.jobs)).toBe(1);
  });
});

async function settled(promise: Promise<unknown>): Promise<'fulfilled' | 'rejected'> {
  return promise.then(
    () => 'fulfilled',
    () => 'rejected',
  );
}

async function readyCount(queueName: string): Promise<number> {
  return withChannel(async (channel) => (await channel.checkQueue(queueName)).messageCount);
}

async function withChannel<T>(fn: (channel: amqp.Channel) => Promise<T>): Promise<T> {
  const connection = await amqp.connect(TEST_RABBITMQ_URL);
  try {
    return await fn(await connection.createChannel());
  } finally {
    await connection.close();
  }
}
