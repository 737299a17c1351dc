import type { Channel } from 'amqplib';

/**
 * Redeliveries of one message (its consumer died or its channel closed mid-job) before RabbitMQ
 * dead-letters it to the parking queue: a message that keeps killing workers stops here.
 */
export const DELIVERY_LIMIT = 20;

/** Header carrying why the adapter parked a message (RabbitMQ's own dead-lettering adds `x-death`). */
export const PARK_REASON_HEADER = 'x-park-reason';

export function queueNames(prefix: string) {
  return {
    jobs: `${prefix}.jobs`,
    parked: `${prefix}.parked`,
    retry: (delayMs: number) => `${prefix}.retry.${delayMs}`,
  };
}

export type QueueNames = ReturnType<typeof queueNames>;

/**
 * Declares every queue, idempotently (same arguments each time), so it runs at every (re)connect:
 * - `<prefix>.jobs`: quorum (replicated, durable), at most DELIVERY_LIMIT deliveries, then dead-lettered
 *   to `<prefix>.parked`;
 * - `<prefix>.retry.<ms>`: one durable queue per delay tier; a message waits out the queue's TTL there
 *   and is dead-lettered back into the jobs queue, so delays survive a worker restart;
 * - `<prefix>.parked`: durable; only operators read it (malformed messages, delivery limit reached).
 */
export async function declareTopology(channel: Channel, names: QueueNames, tiersMs: readonly number[]): Promise<void> {
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
  for (const delayMs of tiersMs) {
    await channel.assertQueue(names.retry(delayMs), {
      durable: true,
      arguments: { 'x-message-ttl': delayMs, 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': names.jobs },
    });
  }
}
