import type { Logger } from '../log/index.ts';
import { jobMessageSchema, type JobHandler, type JobMessage, type JobQueue } from './port.ts';

/**
 * The queue for `npm start` without RabbitMQ: same contract, held in memory. Its messages die with
 * the process, so at start `requeueUnfinishedJobs` re-sends every job that had not finished.
 * Malformed messages are "parked" by an error log line: there is no broker to hold them.
 */
export function createInProcessQueue(options: { concurrency: number; log: Logger }): JobQueue {
  const pending: unknown[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let handler: JobHandler | undefined;
  let running = 0;
  let closed = false;

  const pump = () => {
    while (handler && !closed && running < options.concurrency && pending.length > 0) {
      const raw = pending.shift();
      const parsed = jobMessageSchema.safeParse(raw);
      if (!parsed.success) {
        options.log.error({ reason: parsed.error.message }, 'parked a malformed queue message');
        continue;
      }
      running += 1;
      void deliver(handler, parsed.data).finally(() => {
        running -= 1;
        setImmediate(pump);
      });
    }
  };

  const deliver = async (fn: JobHandler, message: JobMessage) => {
    try {
      const outcome = await fn(message);
      if (outcome.action === 'retry') later(message, outcome.delayMs);
    } catch (error) {
      options.log.error({ err: error, jobId: message.jobId }, 'job handler threw; redelivering');
      later(message, 1000);
    }
  };

  const later = (message: JobMessage, delayMs: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      pending.push(message);
      pump();
    }, delayMs);
    timers.add(timer);
  };

  return {
    async publish(message) {
      if (closed) throw new Error('queue is closed');
      pending.push(structuredClone(message));
      // Deliver on a later tick: publishers (the relay inside a transaction) never run the handler.
      setImmediate(pump);
    },
    async consume(fn) {
      handler = fn;
      setImmediate(pump);
    },
    async stopConsuming() {
      handler = undefined;
    },
    async ping() {
      if (closed) throw new Error('queue is closed');
    },
    async consumers() {
      return handler ? 1 : 0;
    },
    async close() {
      closed = true;
      handler = undefined;
      for (const timer of timers) clearTimeout(timer);
    },
  };
}
