import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createInProcessQueue } from '../../shared/queue/in-process.ts';
import type { JobMessage, JobQueue } from '../../shared/queue/index.ts';
import { createRabbitQueue } from '../../shared/queue/rabbitmq.ts';
import { TEST_RABBITMQ_URL } from '../support/services.ts';
import { testLogger } from '../support/test-config.ts';
import { testQueueNames } from '../support/test-queue.ts';
import { until } from '../support/until.ts';

const RETRY_BASE_MS = 50;

interface Adapter {
  name: string;
  open(): Promise<{
    queue: JobQueue;
    sendMalformed(body: string): Promise<void>;
    parked(): Promise<string[]>;
    cleanup(): Promise<void>;
  }>;
}

/** One contract, every adapter: what the worker and the relay rely on. */
const adapters: Adapter[] = [
  {
    name: 'rabbitmq',
    async open() {
      const names = testQueueNames(RETRY_BASE_MS);
      const queue = await createRabbitQueue({
        url: TEST_RABBITMQ_URL,
        prefix: names.prefix,
        prefetch: 4,
        retryBaseDelayMs: RETRY_BASE_MS,
        log: testLogger(),
      });
      return {
        queue,
        sendMalformed: (body: string) => names.sendRaw(body),
        parked: async () => (await names.drainParked()).map((m) => String(m.headers['x-park-reason'])),
        cleanup: async () => {
          await queue.close();
          await names.delete();
        },
      };
    },
  },
  {
    name: 'in-process',
    async open() {
      // The in-process queue parks by logging the message at error level; read what it logged.
      const parkedLines: string[] = [];
      const log = pino({ level: 'error' }, { write: (line: string) => void parkedLines.push(JSON.parse(line).reason) });
      const queue = createInProcessQueue({ concurrency: 4, log });
      return {
        queue,
        sendMalformed: (body) => queue.publish(body as unknown as JobMessage),
        parked: async () => parkedLines,
        cleanup: () => queue.close(),
      };
    },
  },
];

const jobId = () => crypto.randomUUID();

describe.each(adapters)('$name queue', (adapter) => {
  let opened: Awaited<ReturnType<Adapter['open']>> | undefined;
  afterEach(async () => {
    await opened?.cleanup();
    opened = undefined;
  });

  it('delivers a published message to the consumer', async () => {
    opened = await adapter.open();
    const seen: JobMessage[] = [];
    await opened.queue.consume(async (m) => (seen.push(m), { action: 'ack' }));
    const message = { jobId: jobId() };
    await opened.queue.publish(message);
    await until(() => seen.length === 1);
    expect(seen).toEqual([message]);
  });

  it('tells how many consume it: none before consume, one while consuming, none after stopConsuming', async () => {
    opened = await adapter.open();
    expect(await opened.queue.consumers()).toBe(0);
    await opened.queue.consume(async () => ({ action: 'ack' }));
    expect(await opened.queue.consumers()).toBe(1);
    await opened.queue.stopConsuming();
    await until(async () => (await opened!.queue.consumers()) === 0);
  });

  it('redelivers a message the handler asks to retry, after the delay', async () => {
    opened = await adapter.open();
    const deliveries: number[] = [];
    await opened.queue.consume(async () => {
      deliveries.push(Date.now());
      return deliveries.length < 3 ? { action: 'retry', delayMs: RETRY_BASE_MS } : { action: 'ack' };
    });
    await opened.queue.publish({ jobId: jobId() });
    await until(() => deliveries.length === 3);
    await new Promise((r) => setTimeout(r, 300));
    expect(deliveries).toHaveLength(3);
    expect(deliveries[1]! - deliveries[0]!).toBeGreaterThanOrEqual(RETRY_BASE_MS - 5);
  });

  it('redelivers a message whose handler threw', async () => {
    opened = await adapter.open();
    let calls = 0;
    await opened.queue.consume(async () => {
      calls += 1;
      if (calls === 1) throw new Error('boom');
      return { action: 'ack' };
    });
    await opened.queue.publish({ jobId: jobId() });
    await until(() => calls === 2);
    expect(calls).toBe(2);
  });

  it('parks a malformed message without calling the handler, and keeps going', async () => {
    opened = await adapter.open();
    const seen: JobMessage[] = [];
    await opened.queue.consume(async (m) => (seen.push(m), { action: 'ack' }));
    await opened.sendMalformed('{"not": "a job"');
    const good = { jobId: jobId() };
    await opened.queue.publish(good);
    await until(() => seen.length === 1);
    await until(async () => (await opened!.parked()).length > 0);
    expect(seen).toEqual([good]);
  });
});
