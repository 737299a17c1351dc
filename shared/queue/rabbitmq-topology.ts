import type { ChannelModel } from 'amqplib';
import { declareQuorumQueue, type QueueSpec } from './quorum-queues.ts';

/**
 * Redeliveries of one message (its consumer died or its channel closed mid-job) before RabbitMQ
 * dead-letters it to the parking queue: a message that keeps killing workers stops here.
 */
export const DELIVERY_LIMIT = 20;

/** Header carrying why the adapter parked a message (RabbitMQ's own dead-lettering adds `x-death`). */
export const PARK_REASON_HEADER = 'x-park-reason';

/**
 * The two flows of work, each with its own queues: `jobs` (api → worker: build a site) and `renders`
 * (worker → renderer: a picture of a published site, then its final message).
 */
export type QueueLane = 'jobs' | 'renders';

/** A lane's queues. `jobs` is its work queue: `<prefix>.jobs`, or `<prefix>.renders.jobs` for renders. */
export function queueNames(prefix: string, lane: QueueLane = 'jobs') {
  const base = lane === 'jobs' ? prefix : `${prefix}.renders`;
  return {
    jobs: `${base}.jobs`,
    parked: `${base}.parked`,
    retry: (delayMs: number) => `${base}.retry.${delayMs}`,
  };
}

export type QueueNames = ReturnType<typeof queueNames>;

/**
 * Every queue that holds a job, each a quorum queue (replicated on a cluster, so a node loss drops
 * neither a waiting retry nor a parked message):
 * - `<prefix>.jobs`: at most DELIVERY_LIMIT deliveries, then dead-lettered to `<prefix>.parked`;
 * - `<prefix>.retry.<ms>`: one queue per delay tier; a message waits out the queue's TTL there and is
 *   dead-lettered back into the jobs queue — at least once (RabbitMQ keeps it until the jobs queue
 *   confirmed it, which needs `reject-publish` overflow), so delays survive a worker restart and a node loss;
 * - `<prefix>.parked`: only operators read it (malformed messages, delivery limit reached).
 */
export function queueSpecs(names: QueueNames, tiersMs: readonly number[]): QueueSpec[] {
  return [
    { name: names.parked, arguments: {} },
    {
      name: names.jobs,
      arguments: {
        'x-delivery-limit': DELIVERY_LIMIT,
        'x-dead-letter-exchange': '',
        'x-dead-letter-routing-key': names.parked,
      },
    },
    ...tiersMs.map((delayMs) => ({
      name: names.retry(delayMs),
      arguments: {
        'x-message-ttl': delayMs,
        'x-dead-letter-exchange': '',
        'x-dead-letter-routing-key': names.jobs,
        'x-dead-letter-strategy': 'at-least-once',
        'x-overflow': 'reject-publish',
      },
    })),
  ];
}

/**
 * Declares every queue, idempotently (same arguments each time), so it runs at every (re)connect.
 * Classic queues an earlier release declared under these names are migrated to quorum queues with
 * their messages (see declareQuorumQueue). Parking comes first: the others dead-letter into it.
 */
export async function declareTopology(
  connection: ChannelModel,
  names: QueueNames,
  tiersMs: readonly number[],
): Promise<void> {
  for (const spec of queueSpecs(names, tiersMs)) await declareQuorumQueue(connection, spec);
}
