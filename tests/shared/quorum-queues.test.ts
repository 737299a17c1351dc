import { createServer, type Server, type Socket, connect as connectTcp } from 'node:net';
import amqp from 'amqplib';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobMessage, JobQueue } from '../../shared/queue/index.ts';
import { retryTiersMs } from '../../shared/queue/port.ts';
import { createRabbitQueue } from '../../shared/queue/rabbitmq.ts';
import { stagingName } from '../../shared/queue/quorum-queues.ts';
import { DELIVERY_LIMIT } from '../../shared/queue/rabbitmq-topology.ts';
import { TEST_RABBITMQ_URL } from '../support/services.ts';
import { testLogger } from '../support/test-config.ts';
import { testQueueNames } from '../support/test-queue.ts';
import { until } from '../support/until.ts';

const RETRY_BASE_MS = 200;

let names: ReturnType<typeof testQueueNames>;
const opened: JobQueue[] = [];

function open(url = TEST_RABBITMQ_URL, reconnectDelayMs = 250): Promise<JobQueue> {
  return createRabbitQueue({
    url,
    prefix: names.prefix,
    prefetch: 4,
    retryBaseDelayMs: RETRY_BASE_MS,
    reconnectDelayMs,
    connectionName: `${names.prefix}/test`,
    log: testLogger(),
  }).then((queue) => (opened.push(queue), queue));
}

afterEach(async () => {
  for (const queue of opened.splice(0)) await queue.close();
  await names.delete();
});

const job = (): JobMessage => ({ jobId: crypto.randomUUID() });

describe('every queue that holds a job is a quorum queue', () => {
  it('declares the work, retry and parking queues as quorum queues', async () => {
    names = testQueueNames(RETRY_BASE_MS);
    await open();
    const types = await names.types();
    const expected = [names.names.jobs, names.names.parked, ...retryTiersMs(RETRY_BASE_MS).map(names.names.retry)];
    expect(Object.keys(types).sort()).toEqual([...expected].sort());
    for (const queue of expected) expect(types[queue], queue).toBe('quorum');
  });

  it('brings a retried job back from its quorum retry queue after the delay', async () => {
    names = testQueueNames(RETRY_BASE_MS);
    const queue = await open();
    const deliveries: string[] = [];
    await queue.consume(async (message) => {
      deliveries.push(message.jobId);
      return deliveries.length === 1 ? { action: 'retry', delayMs: RETRY_BASE_MS } : { action: 'ack' };
    });
    const message = job();
    await queue.publish(message);
    await until(() => deliveries.length === 2, 15_000);
    expect(deliveries).toEqual([message.jobId, message.jobId]);
  });
});

describe('classic queues left by an earlier release', () => {
  it('become quorum queues at start, parked messages kept with their headers and waiting retries delivered', async () => {
    names = testQueueNames(RETRY_BASE_MS);
    const retryQueue = names.names.retry(RETRY_BASE_MS * 4);
    const waiting = [job(), job()];
    await withChannel(async (channel) => {
      await declareEarlierRelease(channel);
      for (const reason of ['first', 'second', 'third']) {
        channel.sendToQueue(names.names.parked, Buffer.from(reason), {
          persistent: true,
          headers: { 'x-park-reason': `reason ${reason}` },
        });
      }
      // In a classic retry queue with a minute's TTL: only the migration brings them back within the test.
      for (const message of waiting) channel.sendToQueue(retryQueue, Buffer.from(JSON.stringify(message)));
    });

    const queue = await open();
    const delivered: string[] = [];
    await queue.consume(async (message) => (delivered.push(message.jobId), { action: 'ack' }));

    const types = await names.types();
    for (const queueName of [names.names.parked, retryQueue]) expect(types[queueName], queueName).toBe('quorum');
    expect(Object.keys(types).some((name) => name.endsWith('.migrating'))).toBe(false);
    await until(() => delivered.length === 2, 15_000);
    expect(delivered.sort()).toEqual(waiting.map((m) => m.jobId).sort());
    const parked = await names.drainParked();
    expect(parked.map((m) => [m.body, m.headers['x-park-reason']])).toEqual([
      ['first', 'reason first'],
      ['second', 'reason second'],
      ['third', 'reason third'],
    ]);
  });

  it('loses and duplicates nothing when several processes migrate at the same time', async () => {
    names = testQueueNames(RETRY_BASE_MS);
    const bodies = Array.from({ length: 300 }, (_, i) => `parked-${i}`);
    await withChannel(async (channel) => {
      await declareEarlierRelease(channel);
      for (const body of bodies) channel.sendToQueue(names.names.parked, Buffer.from(body), { persistent: true });
    });

    await Promise.all([open(), open(), open()]);

    expect((await names.types())[names.names.parked]).toBe('quorum');
    const parked = await names.drainParked();
    expect(parked.map((m) => m.body).sort()).toEqual([...bodies].sort());
  });

  it('drains a staging queue that a crash mid-migration left behind', async () => {
    names = testQueueNames(RETRY_BASE_MS);
    const staging = stagingName(names.names.parked);
    await withChannel(async (channel) => {
      // The crash came after the old parking queue was deleted, before the new one was filled.
      await channel.assertQueue(staging, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
      channel.sendToQueue(staging, Buffer.from('kept'), { persistent: true });
    });

    await open();

    expect((await names.types())[staging]).toBeUndefined();
    expect((await names.drainParked()).map((m) => m.body)).toEqual(['kept']);
  });
});

describe('RABBITMQ_URL with several nodes', () => {
  it('connects to the first node that answers, in the order given', async () => {
    names = testQueueNames(RETRY_BASE_MS);
    const refused = await closedPort();
    const queue = await open(`amqp://guest:guest@127.0.0.1:${refused},${TEST_RABBITMQ_URL}`);
    const seen: string[] = [];
    await queue.consume(async (message) => (seen.push(message.jobId), { action: 'ack' }));
    const message = job();
    await queue.publish(message);
    await until(() => seen.length === 1, 10_000);
    expect(seen).toEqual([message.jobId]);
  });

  it('reconnects to the next node when the one it was using goes away, and keeps consuming', async () => {
    names = testQueueNames(RETRY_BASE_MS);
    const node = await tcpRelay(new URL(TEST_RABBITMQ_URL).port || '5672');
    const viaRelay = Object.assign(new URL(TEST_RABBITMQ_URL), { port: String(node.port) }).href;
    const queue = await open(`${viaRelay},${TEST_RABBITMQ_URL}`);
    const seen: string[] = [];
    await queue.consume(async (message) => (seen.push(message.jobId), { action: 'ack' }));
    expect(node.connections()).toBeGreaterThan(0);

    await node.kill();
    const message = job();
    await until(async () => {
      try {
        await queue.publish(message);
        return true;
      } catch {
        return false;
      }
    }, 20_000);
    await until(() => seen.length === 1, 10_000);
    expect(seen).toEqual([message.jobId]);
  });
});

/** The queues as the release before quorum retry and parking queues declared them. */
async function declareEarlierRelease(channel: amqp.Channel): Promise<void> {
  await channel.assertQueue(names.names.parked, { durable: true });
  await channel.assertQueue(names.names.jobs, {
    durable: true,
    arguments: {
      'x-queue-type': 'quorum',
      'x-delivery-limit': DELIVERY_LIMIT,
      'x-dead-letter-exchange': '',
      'x-dead-letter-routing-key': names.names.parked,
    },
  });
  for (const delayMs of retryTiersMs(RETRY_BASE_MS)) {
    await channel.assertQueue(names.names.retry(delayMs), {
      durable: true,
      // Long enough that only the migration can bring these messages back within the test.
      arguments: {
        'x-message-ttl': 60_000,
        'x-dead-letter-exchange': '',
        'x-dead-letter-routing-key': names.names.jobs,
      },
    });
  }
}

async function withChannel(fn: (channel: amqp.ConfirmChannel) => Promise<void>): Promise<void> {
  const connection = await amqp.connect(TEST_RABBITMQ_URL);
  try {
    const channel = await connection.createConfirmChannel();
    await fn(channel);
    await channel.waitForConfirms();
  } finally {
    await connection.close();
  }
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A stand-in for one cluster node: relays TCP to the broker until killed, then refuses. */
async function tcpRelay(brokerPort: string) {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server: Server = createServer((client) => {
    accepted += 1;
    const upstream = connectTcp(Number(brokerPort), '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    connections: () => accepted,
    async kill() {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
