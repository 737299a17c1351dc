import type { Logger } from '../shared/log/index.ts';

/**
 * Work the api starts after answering (acknowledging a job, sending a download): each task's failure
 * is logged, never thrown, and `drain` lets shutdown wait for what is still running.
 */
export function createBackgroundTasks(log: Logger) {
  const running = new Set<Promise<void>>();
  return {
    run(task: () => Promise<unknown>): void {
      const work = task().then(
        () => undefined,
        (error: unknown) => log.warn({ err: error }, 'background task failed'),
      );
      running.add(work);
      void work.finally(() => running.delete(work));
    },
    async drain(): Promise<void> {
      await Promise.allSettled([...running]);
    },
  };
}

export type BackgroundTasks = ReturnType<typeof createBackgroundTasks>;
