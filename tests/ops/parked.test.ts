import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listParked, purgeParked, replayParked } from '../../ops/commands/parked.ts';
import { openBroker, type OpsBroker } from '../../ops/open-broker.ts';
import { PARK_REASON_HEADER } from '../../shared/queue/index.ts';
import { TEST_RABBITMQ_URL } from '../support/services.ts';
import { testQueueNames } from '../support/test-queue.ts';

let broker: OpsBroker;
const queues = testQueueNames(1000);
/** A queue whose messages expire at once into the parking queue, as RabbitMQ dead-letters them. */
const expiring = `${queues.prefix}.expiring`;

beforeAll(async () => {
  broker = await openBroker({ url: TEST_RABBITMQ_URL, prefix: queues.prefix, retryBaseDelayMs: 1000 });
  await broker.channel.assertQueue(expiring, {
    durable: false,
    arguments: { 'x-message-ttl': 1, 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': queues.names.parked },
  });
});

afterAll(async () => {
  await broker?.channel.deleteQueue(expiring);
  await broker?.close();
  await queues.delete();
});

beforeEach(async () => {
  await broker.channel.purgeQueue(queues.names.parked);
  await broker.channel.purgeQueue(queues.names.jobs);
});

async function park(body: string, headers: Record<string, string> = {}) {
  broker.channel.sendToQueue(queues.names.parked, Buffer.from(body), { persistent: true, headers });
  await broker.channel.waitForConfirms();
}

async function parkByDeadLettering(body: string) {
  const before = (await broker.channel.checkQueue(queues.names.parked)).messageCount;
  broker.channel.sendToQueue(expiring, Buffer.from(body));
  await broker.channel.waitForConfirms();
  await expect.poll(async () => (await broker.channel.checkQueue(queues.names.parked)).messageCount).toBe(before + 1);
}

describe('ops parked', () => {
  it('list shows each message with why it was parked, and leaves every one in the queue, in order', async () => {
    const jobId = randomUUID();
    await park(JSON.stringify({ jobId }), { [PARK_REASON_HEADER]: 'message does not match the job message schema' });
    await park('{"job": 1');
    await parkByDeadLettering(JSON.stringify({ jobId: randomUUID() }));

    const first = await listParked(broker, 100);
    const second = await listParked(broker, 100);

    expect(first).toMatchObject({ queue: queues.names.parked, parked: 3, shown: 3 });
    expect(first.messages[0]).toEqual({
      jobId,
      reason: 'message does not match the job message schema',
      deadLetteredAt: null,
      body: JSON.stringify({ jobId }),
    });
    expect(first.messages[1]).toMatchObject({ jobId: null, reason: null, body: '{"job": 1' });
    expect(first.messages[2]!.reason).toBe(`expired from ${expiring} (1×)`);
    expect(first.messages[2]!.deadLetteredAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(second).toEqual(first);
    expect((await queues.readyCounts())[queues.names.parked]).toBe(3);
  });

  it('list --limit shows the first messages only, and still counts them all', async () => {
    for (let i = 0; i < 3; i += 1) await park(`message ${i}`);
    const listed = await listParked(broker, 2);
    expect(listed).toMatchObject({ parked: 3, shown: 2 });
    expect(listed.messages.map((m) => m.body)).toEqual(['message 0', 'message 1']);
    expect((await queues.readyCounts())[queues.names.parked]).toBe(3);
  });

  it('replay moves job messages back to the jobs queue and keeps unreadable ones parked', async () => {
    const jobIds = [randomUUID(), randomUUID()];
    await park(JSON.stringify({ jobId: jobIds[0] }));
    await park('not json at all');
    await parkByDeadLettering(JSON.stringify({ jobId: jobIds[1] }));

    const result = await replayParked(broker);

    expect(result.replayed).toEqual(jobIds.map((jobId) => ({ jobId })));
    expect(result.keptParked).toEqual([expect.objectContaining({ body: 'not json at all', jobId: null })]);
    expect(await queues.drainJobs()).toEqual(jobIds.map((jobId) => ({ jobId })));
    expect((await listParked(broker, 100)).messages.map((m) => m.body)).toEqual(['not json at all']);
  });

  it('purge empties the parking queue and says how many messages it held', async () => {
    await park('one');
    await park('two');
    expect(await purgeParked(broker)).toEqual({ queue: queues.names.parked, purged: 2 });
    expect((await queues.readyCounts())[queues.names.parked]).toBe(0);
  });
});
