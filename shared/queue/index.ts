import { hostname } from 'node:os';
import type { Config } from '../config/index.ts';
import type { Logger } from '../log/index.ts';
import { createInProcessQueue } from './in-process.ts';
import type { JobQueue } from './port.ts';
import { createRabbitQueue } from './rabbitmq.ts';
import type { QueueLane } from './rabbitmq-topology.ts';

export {
  jobMessageSchema,
  parseJobMessage,
  type HandlerOutcome,
  type JobHandler,
  type JobMessage,
  type JobQueue,
} from './port.ts';
export { BrokerUnavailableError, UnroutableMessageError } from './queue-errors.ts';
export { PARK_REASON_HEADER, queueNames, type QueueLane } from './rabbitmq-topology.ts';

/**
 * RabbitMQ when RABBITMQ_URL is set, otherwise the in-process queue. `role` names the connection
 * (`<prefix>/<role>/<host>:<pid>`), so operators — and the fault tests — can tell connections apart.
 * `lane`: which flow's queues (default the jobs, WORKER_CONCURRENCY at once; the renderer passes
 * `renders` and RENDERER_CONCURRENCY).
 */
export function connectQueue(
  config: Pick<Config, 'rabbitmqUrl' | 'queuePrefix' | 'jobs'>,
  log: Logger,
  role = 'app',
  lane: { lane: QueueLane; concurrency: number } = { lane: 'jobs', concurrency: config.jobs.concurrency },
): Promise<JobQueue> {
  if (config.rabbitmqUrl) {
    return createRabbitQueue({
      url: config.rabbitmqUrl,
      prefix: config.queuePrefix,
      lane: lane.lane,
      prefetch: lane.concurrency,
      retryBaseDelayMs: config.jobs.retryBaseDelayMs,
      connectionName: `${config.queuePrefix}/${role}/${hostname()}:${process.pid}`,
      log,
    });
  }
  return Promise.resolve(createInProcessQueue({ concurrency: lane.concurrency, log }));
}
