import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Channel, ConsumeMessage } from 'amqplib';
import type { Logger } from '../log/index.ts';
import { parseJobMessage, pickTier, retryTiersMs, type JobHandler, type JobMessage, type JobQueue } from './port.ts';
import { BrokerUnavailableError, UnroutableMessageError } from './queue-errors.ts';
import { RecoveringConnection, type BrokerSession } from './rabbitmq-connection.ts';
import { declareTopology, PARK_REASON_HEADER, queueNames, type QueueLane } from './rabbitmq-topology.ts';

export { queueNames };

export interface RabbitQueueOptions {
  url: string;
  /** Prefix of every queue name (`<prefix>.jobs`, `<prefix>.parked`, `<prefix>.retry.<ms>`). */
  prefix: string;
  /** Which flow's queues (default `jobs`; `renders` adds `.renders` after the prefix). */
  lane?: QueueLane;
  /** Unacked messages this process holds at once. */
  prefetch: number;
  retryBaseDelayMs: number;
  log: Logger;
  /** Client-provided connection name; default `<prefix>/<host>:<pid>`. */
  connectionName?: string;
  /** How long a publish waits for the broker's confirm before it counts as failed (default 10 000 ms). */
  publishTimeoutMs?: number;
  /** First reconnect delay in ms (default 250), doubled per failed attempt up to 15 s. */
  reconnectDelayMs?: number;
}

/** Longest a readiness probe waits for the broker. */
const PING_TIMEOUT_MS = 3000;

/**
 * RabbitMQ adapter: a quorum work queue (delivery limit, dead-lettered to a parking queue), TTL'd
 * retry queues that dead-letter back into the work queue, persistent messages published on a
 * confirm channel with `mandatory`, and a consumer with prefetch and manual ack.
 *
 * A publish resolves only when the broker confirmed it and did not return it as unroutable; while
 * the connection is down it rejects at once, so the outbox keeps its row. After a lost connection
 * the adapter reconnects, declares the topology again and restarts the consumer with the same
 * handler and prefetch. Deliveries that came on the lost channel are back on the queue already (the
 * broker requeues unacked messages), so their handlers' outcomes are dropped, never acked.
 *
 * Parking: malformed messages (the adapter, with an `x-park-reason` header) and messages past the
 * delivery limit (RabbitMQ, with `x-death`). A job that used up MAX_RETRIES is *not* copied here:
 * its row already says `failed`, with the reason and every attempt, and the user has been told —
 * the parking queue holds only what the database does not know about.
 */
export async function createRabbitQueue(options: RabbitQueueOptions): Promise<JobQueue> {
  const names = queueNames(options.prefix, options.lane);
  const tiers = retryTiersMs(options.retryBaseDelayMs);
  const publishTimeoutMs = options.publishTimeoutMs ?? 10_000;
  const log = options.log;
  /** Ids of messages the broker returned; their confirm (which follows the return) fails the publish. */
  const returned = new Set<string>();
  /** Set while this process wants to consume; a reconnect restarts the consumer with it. */
  let handler: JobHandler | undefined;
  let consumer: { channel: Channel; tag: string } | undefined;
  /** Deliveries being handled or settled; close() lets them ack (or schedule their retry) first. */
  const settling = new Set<Promise<void>>();

  const broker = await RecoveringConnection.open({
    url: options.url,
    connectionName: options.connectionName ?? `${options.prefix}/${hostname()}:${process.pid}`,
    log,
    reconnectDelayMs: options.reconnectDelayMs,
    async onSession(session) {
      session.publisher.on('return', (message: ConsumeMessage) => {
        if (message.properties.messageId) returned.add(String(message.properties.messageId));
        log.error({ routingKey: message.fields.routingKey }, 'rabbitmq returned an unroutable message');
        // Our queues are declared, so one went missing (deleted by hand?): a new session declares
        // them again. After this tick, so the confirm that follows the return is read first.
        setImmediate(() => broker.recover(session, 'a queue is missing'));
      });
      await declareTopology(session.connection, names, tiers);
      if (handler) await startConsumer(session, handler);
    },
  });

  function publishOn(
    session: BrokerSession,
    queue: string,
    body: Buffer,
    headers?: Record<string, unknown>,
  ): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const messageId = randomUUID();
      let settled = false;
      const settle = (error?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        returned.delete(messageId);
        if (error) reject(error);
        else resolve();
      };
      // A confirm that never comes (a half-dead connection) must not hold the caller forever.
      const timer = setTimeout(
        () => settle(new BrokerUnavailableError(`no publisher confirm within ${publishTimeoutMs} ms`)),
        publishTimeoutMs,
      );
      const properties = { persistent: true, mandatory: true, contentType: 'application/json', messageId, headers };
      try {
        session.publisher.sendToQueue(queue, body, properties, (error) => {
          if (error) settle(error instanceof Error ? error : new Error('the broker nacked the message'));
          else settle(returned.has(messageId) ? new UnroutableMessageError(queue) : undefined);
        });
      } catch (error) {
        // amqplib throws at once on a closed channel.
        settle(new BrokerUnavailableError('the publisher channel is closed', { cause: error }));
      }
    });
  }

  async function startConsumer(session: BrokerSession, fn: JobHandler): Promise<void> {
    const channel = await session.connection.createChannel();
    let open = true;
    channel.on('close', () => (open = false));
    broker.watch(session, channel);
    await channel.prefetch(options.prefetch);
    const { consumerTag } = await channel.consume(names.jobs, (delivery) => {
      // null: the broker cancelled us (the queue was deleted); a fresh session declares it again.
      if (!delivery) return broker.recover(session, 'the broker cancelled the consumer');
      const work = onMessage(delivery, { session, channel, isOpen: () => open }, fn);
      settling.add(work);
      void work.finally(() => settling.delete(work));
    });
    consumer = { channel, tag: consumerTag };
  }

  async function onMessage(
    delivery: ConsumeMessage,
    on: { session: BrokerSession; channel: Channel; isOpen: () => boolean },
    fn: JobHandler,
  ) {
    const settle = (action: 'ack' | 'requeue') => {
      // A closed channel's deliveries are back on the queue already; acking them is an error.
      if (!on.isOpen()) return;
      try {
        if (action === 'ack') on.channel.ack(delivery);
        else on.channel.nack(delivery, false, true);
      } catch (error) {
        log.warn({ err: error }, 'could not settle a delivery; the broker will redeliver it');
      }
    };
    const message = parseJobMessage(delivery.content);
    try {
      if (!message) {
        await publishOn(on.session, names.parked, delivery.content, {
          [PARK_REASON_HEADER]: 'message does not match the job message schema',
        });
        settle('ack');
        log.error({ queue: names.jobs }, 'parked a malformed queue message');
        return;
      }
      let outcome;
      try {
        outcome = await fn(message);
      } catch (error) {
        log.error({ err: error, jobId: message.jobId }, 'job handler threw; message goes back to the queue');
        return settle('requeue');
      }
      if (!on.isOpen()) {
        log.warn({ jobId: message.jobId }, 'channel closed while the job ran; its redelivery takes over');
        return;
      }
      if (outcome.action === 'retry')
        await publishOn(on.session, names.retry(pickTier(tiers, outcome.delayMs)), delivery.content);
      settle('ack');
    } catch (error) {
      // Parking or scheduling the retry failed (broker trouble): hand the message back, never drop it.
      log.warn(
        { err: error, jobId: message?.jobId },
        'could not park or schedule a retry; message goes back to the queue',
      );
      settle('requeue');
    }
  }

  return {
    async publish(message: JobMessage) {
      const session = broker.session;
      if (!session) throw new BrokerUnavailableError();
      await publishOn(session, names.jobs, Buffer.from(JSON.stringify(message)));
    },
    async consume(fn) {
      handler = fn;
      const session = broker.session;
      // While disconnected, the next session starts the consumer.
      if (session) await startConsumer(session, fn);
    },
    async stopConsuming() {
      handler = undefined;
      const current = consumer;
      consumer = undefined;
      // Cancel only: the channel stays open so deliveries in flight can still be acked.
      if (current) await current.channel.cancel(current.tag).catch(() => undefined);
    },
    async ping() {
      const session = broker.session;
      if (!session) throw new BrokerUnavailableError();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new BrokerUnavailableError(`no answer within ${PING_TIMEOUT_MS} ms`)),
          PING_TIMEOUT_MS,
        );
      });
      try {
        await Promise.race([session.publisher.checkQueue(names.jobs), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    async consumers() {
      const session = broker.session;
      if (!session) throw new BrokerUnavailableError();
      return (await session.publisher.checkQueue(names.jobs)).consumerCount;
    },
    async close() {
      handler = undefined;
      // Normally empty by now (the worker waits for its jobs); bounded, as a handler may hang.
      await Promise.race([
        Promise.allSettled([...settling]),
        new Promise((resolve) => setTimeout(resolve, publishTimeoutMs).unref()),
      ]);
      await broker.close();
    },
  };
}
