import { hostname } from 'node:os';
import type { Config } from '../config/index.ts';
import type { Logger } from '../log/index.ts';
import { createInProcessQueue } from './in-process.ts';
import type { JobQueue } from './port.ts';
import { createRabbitQueue } from './rabbitmq.ts';

export {
  jobMessageSchema,
  parseJobMessage,
  type HandlerOutcome,
  type JobHandler,
  type JobMessage,
  type JobQueue,
} from './port.ts';
export { BrokerUnavailableError, UnroutableMessageError } from './queue-errors.ts';
export { PARK_REASON_HEADER, queueNames } from './rabbitmq-topology.ts';

/**
 * RabbitMQ when RABBITMQ_URL is set, otherwise the in-process queue. `role` names the connection
 * (`<prefix>/<role>/<host>:<pid>`), so operators — and the fault tests — can tell connections apart.
 */
export function connectQueue(
  config: Pick<Config, 'rabbitmqUrl' | 'queuePrefix' | 'jobs'>,
  log: Logger,
  role = 'app',
): Promise<JobQueue> {
  if (config.rabbitmqUrl) {
    return createRabbitQueue({
      url: config.rabbitmqUrl,
      prefix: config.queuePrefix,
      prefetch: config.jobs.concurrency,
      retryBaseDelayMs: config.jobs.retryBaseDelayMs,
      connectionName: `${config.queuePrefix}/${role}/${hostname()}:${process.pid}`,
      log,
    });
  }
  return Promise.resolve(createInProcessQueue({ concurrency: config.jobs.concurrency, log }));
}
