import type { Channel } from 'amqplib';
import type { QueueNames } from './rabbitmq-topology.ts';

/** How deep this deployment's RabbitMQ queues are. */
export interface QueueDepths {
  /** Messages ready in the jobs queue: waiting for a worker (those being worked on are not counted). */
  jobsReady: number;
  /** Consumers on the jobs queue: one per worker process that is taking jobs. */
  jobsConsumers: number;
  /** Messages in the parking queue, waiting for an operator. */
  parked: number;
}

/** Asks the broker with passive declares (nothing is created or changed). For `ops stats` and the worker's metrics. */
export async function readQueueDepths(
  channel: Channel,
  names: Pick<QueueNames, 'jobs' | 'parked'>,
): Promise<QueueDepths> {
  const jobs = await channel.checkQueue(names.jobs);
  const parked = await channel.checkQueue(names.parked);
  return { jobsReady: jobs.messageCount, jobsConsumers: jobs.consumerCount, parked: parked.messageCount };
}
