import amqp, { type ChannelModel, type ConfirmChannel, type ConsumeMessage } from 'amqplib';
import type { Logger } from '../log/index.ts';
import { jobMessageSchema, pickTier, retryTiersMs, type JobHandler, type JobMessage, type JobQueue } from './port.ts';

export interface RabbitQueueOptions {
  url: string;
  /** Prefix of every queue name (`<prefix>.jobs`, `<prefix>.parked`, `<prefix>.retry.<ms>`). */
  prefix: string;
  /** Unacked messages this process holds at once. */
  prefetch: number;
  retryBaseDelayMs: number;
  log: Logger;
}

/** Redeliveries (crashes mid-job) before RabbitMQ dead-letters a message to the parking queue. */
const DELIVERY_LIMIT = 20;

export function queueNames(prefix: string) {
  return {
    jobs: `${prefix}.jobs`,
    parked: `${prefix}.parked`,
    retry: (delayMs: number) => `${prefix}.retry.${delayMs}`,
  };
}

/**
 * RabbitMQ adapter: a quorum work queue (delivery limit, dead-lettered to a parking queue), TTL'd
 * retry queues that dead-letter back into the work queue, persistent messages published on a
 * confirm channel with `mandatory`, and a consumer with prefetch and manual ack.
 */
export async function createRabbitQueue(options: RabbitQueueOptions): Promise<JobQueue> {
  const names = queueNames(options.prefix);
  const tiers = retryTiersMs(options.retryBaseDelayMs);
  const connection: ChannelModel = await amqp.connect(options.url);
  let closing = false;
  connection.on('error', (error) => options.log.error({ err: error }, 'rabbitmq connection error'));
  connection.on('close', () => {
    if (!closing) options.log.error('rabbitmq connection closed unexpectedly');
  });

  const publisher = await connection.createConfirmChannel();
  publisher.on('return', (message: ConsumeMessage) =>
    options.log.error({ routingKey: message.fields.routingKey }, 'rabbitmq returned an unroutable message'),
  );
  await declareTopology(publisher, names, tiers);

  let consumer: { channel: ConfirmChannel; tag: string } | undefined;

  const send = (queue: string, body: Buffer, headers?: Record<string, unknown>) =>
    new Promise<void>((resolve, reject) => {
      publisher.sendToQueue(queue, body, { persistent: true, mandatory: true, contentType: 'application/json', headers }, (error) =>
        error ? reject(error instanceof Error ? error : new Error('message was nacked by the broker')) : resolve(),
      );
    });

  const onMessage = async (channel: ConfirmChannel, handler: JobHandler, delivery: ConsumeMessage) => {
    const message = parseMessage(delivery.content);
    if (!message) {
      await send(names.parked, delivery.content, { 'x-park-reason': 'message does not match the job message schema' });
      channel.ack(delivery);
      options.log.error({ queue: names.jobs }, 'parked a malformed queue message');
      return;
    }
    try {
      const outcome = await handler(message);
      if (outcome.action === 'retry') await send(names.retry(pickTier(tiers, outcome.delayMs)), delivery.content);
      channel.ack(delivery);
    } catch (error) {
      options.log.error({ err: error, jobId: message.jobId }, 'job handler threw; message goes back to the queue');
      channel.nack(delivery, false, true);
    }
  };

  return {
    async publish(message: JobMessage) {
      await send(names.jobs, Buffer.from(JSON.stringify(message)));
    },
    async consume(handler) {
      const channel = await connection.createConfirmChannel();
      await channel.prefetch(options.prefetch);
      const { consumerTag } = await channel.consume(names.jobs, (delivery) => {
        if (delivery) void onMessage(channel, handler, delivery);
      });
      consumer = { channel, tag: consumerTag };
    },
    async stopConsuming() {
      if (consumer) await consumer.channel.cancel(consumer.tag);
    },
    async ping() {
      await publisher.checkQueue(names.jobs);
    },
    async close() {
      closing = true;
      await connection.close().catch(() => undefined);
    },
  };
}

function parseMessage(content: Buffer): JobMessage | undefined {
  try {
    const parsed = jobMessageSchema.safeParse(JSON.parse(content.toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

async function declareTopology(channel: ConfirmChannel, names: ReturnType<typeof queueNames>, tiers: number[]) {
  await channel.assertQueue(names.parked, { durable: true });
  await channel.assertQueue(names.jobs, {
    durable: true,
    arguments: {
      'x-queue-type': 'quorum',
      'x-delivery-limit': DELIVERY_LIMIT,
      'x-dead-letter-exchange': '',
      'x-dead-letter-routing-key': names.parked,
    },
  });
  for (const delayMs of tiers) {
    await channel.assertQueue(names.retry(delayMs), {
      durable: true,
      arguments: { 'x-message-ttl': delayMs, 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': names.jobs },
    });
  }
}
