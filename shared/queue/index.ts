import type { Config } from '../config/index.ts';
import type { Logger } from '../log/index.ts';
import { createInProcessQueue } from './in-process.ts';
import type { JobQueue } from './port.ts';
import { createRabbitQueue } from './rabbitmq.ts';

export { jobMessageSchema, type HandlerOutcome, type JobHandler, type JobMessage, type JobQueue } from './port.ts';
export { queueNames } from './rabbitmq.ts';

/** RabbitMQ when RABBITMQ_URL is set, otherwise the in-process queue. */
export function connectQueue(config: Pick<Config, 'rabbitmqUrl' | 'queuePrefix' | 'jobs'>, log: Logger): Promise<JobQueue> {
  if (config.rabbitmqUrl) {
    return createRabbitQueue({
      url: config.rabbitmqUrl,
      prefix: config.queuePrefix,
      prefetch: config.jobs.concurrency,
      retryBaseDelayMs: config.jobs.retryBaseDelayMs,
      log,
    });
  }
  return Promise.resolve(createInProcessQueue({ concurrency: config.jobs.concurrency, log }));
}
