import type { Logger } from '../shared/log/index.ts';

/** Tasks running at once; the rest wait in memory, not on database connections the webhook needs. */
const DEFAULT_CONCURRENCY = 16;

/**
 * Work the api starts after answering (acknowledging a job, sending a download). At most
 * `concurrency` run at once — after a burst of updates, acknowledgements wait for Telegram's send
 * slots, and thousands of them waiting on the database would starve the webhook of connections.
 * Each task's failure is logged, never thrown. `drain` (shutdown) drops the tasks not yet started —
 * courtesies that the job's own final message makes up for — and waits for the running ones.
 */
export function createBackgroundTasks(log: Logger, options: { concurrency?: number } = {}) {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const waiting: { task: () => Promise<unknown>; logBindings: Record<string, unknown> }[] = [];
  const running = new Set<Promise<void>>();

  function startNext(): void {
    while (running.size < concurrency && waiting.length > 0) {
      const { task, logBindings } = waiting.shift()!;
      const work = task().then(
        () => undefined,
        (error: unknown) => log.warn({ ...logBindings, err: error }, 'background task failed'),
      );
      running.add(work);
      void work.finally(() => {
        running.delete(work);
        startNext();
      });
    }
  }

  return {
    /** `logBindings` (e.g. the update and job ids) go on the task's failure line. */
    run(task: () => Promise<unknown>, logBindings: Record<string, unknown> = {}): void {
      waiting.push({ task, logBindings });
      startNext();
    },
    async drain(): Promise<void> {
      if (waiting.length > 0)
        log.info({ dropped: waiting.length }, 'shutting down: background tasks not started are dropped');
      waiting.length = 0;
      await Promise.allSettled([...running]);
    },
  };
}

export type BackgroundTasks = ReturnType<typeof createBackgroundTasks>;
