import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import amqp from 'amqplib';
import { queueNames } from '../../shared/queue/index.ts';
import { stagingName } from '../../shared/queue/quorum-queues.ts';
import { retryTiersMs } from '../../shared/queue/port.ts';
import { TEST_RABBITMQ_URL, uniqueName } from './services.ts';

/** A queue prefix of this test's own, and a way to look at and remove its queues. */
export function testQueueNames(retryBaseDelayMs: number) {
  const prefix = uniqueName('q').replace(/_/g, '-');
  const names = queueNames(prefix);
  const renders = queueNames(prefix, 'renders');
  const queuesOf = (lane: typeof names) => [lane.jobs, lane.parked, ...retryTiersMs(retryBaseDelayMs).map(lane.retry)];
  const all = queuesOf(names);
  return {
    prefix,
    names,
    /** The render queues (worker → renderer). */
    renders,
    /** Messages waiting in the parking queue, taken off it. */
    async drainParked(): Promise<Array<{ body: string; headers: Record<string, unknown> }>> {
      return withChannel(async (channel) => {
        const out: Array<{ body: string; headers: Record<string, unknown> }> = [];
        for (;;) {
          const message = await channel.get(names.parked, { noAck: true });
          if (!message) return out;
          out.push({ body: message.content.toString(), headers: message.properties.headers ?? {} });
        }
      });
    },
    /** Messages waiting in the jobs queue (parsed JSON), taken off it. */
    async drainJobs(): Promise<Array<{ jobId?: string }>> {
      return withChannel(async (channel) => {
        const out: Array<{ jobId?: string }> = [];
        for (;;) {
          const message = await channel.get(names.jobs, { noAck: true });
          if (!message) return out;
          out.push(JSON.parse(message.content.toString()));
        }
      });
    },
    /** Messages ready in each of this prefix's queues (unacked deliveries are not counted). */
    async readyCounts(): Promise<Record<string, number>> {
      return withChannel(async (channel) => {
        const counts: Record<string, number> = {};
        for (const queue of all) counts[queue] = (await channel.checkQueue(queue)).messageCount;
        return counts;
      });
    },
    /** Puts raw bytes on the jobs queue, bypassing the app (for poison-message tests). */
    async sendRaw(body: string): Promise<void> {
      await withChannel(async (channel) => {
        channel.sendToQueue(names.jobs, Buffer.from(body), { persistent: true });
      });
    },
    /** Deletes the jobs queue out from under the app (as an operator's mistake would). */
    async deleteJobsQueue(): Promise<void> {
      await withChannel(async (channel) => {
        await channel.deleteQueue(names.jobs);
      });
    },
    /** Each of this prefix's queues and its type (`quorum`, `classic`), as the broker reports them. */
    async types(): Promise<Record<string, string>> {
      const { stdout } = await promisify(execFile)('rabbitmqctl', [
        '-q',
        'list_queues',
        'name',
        'type',
        '--formatter',
        'json',
      ]);
      const rows = JSON.parse(stdout) as Array<{ name: string; type: string }>;
      return Object.fromEntries(rows.filter((row) => row.name.startsWith(`${prefix}.`)).map((r) => [r.name, r.type]));
    },
    /** Every queue of this prefix (the render queues too), migration staging queues included. */
    async delete(): Promise<void> {
      await withChannel(async (channel) => {
        for (const queue of [...all, ...queuesOf(renders)]) {
          await channel.deleteQueue(queue);
          await channel.deleteQueue(stagingName(queue));
        }
      });
    },
  };
}

async function withChannel<T>(fn: (channel: amqp.ConfirmChannel) => Promise<T>): Promise<T> {
  const connection = await amqp.connect(TEST_RABBITMQ_URL);
  try {
    const channel = await connection.createConfirmChannel();
    const result = await fn(channel);
    await channel.waitForConfirms();
    return result;
  } finally {
    await connection.close();
  }
}
