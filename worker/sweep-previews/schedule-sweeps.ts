import type { Kysely } from 'kysely';
import type { Database } from '../../shared/db/schema.ts';
import type { Logger } from '../../shared/log/index.ts';
import { sweepPreviews, type PreviewStorage, type StorageLimits } from '../../shared/previews/index.ts';

export interface ScheduleSweepsOptions {
  db: Kysely<Database>;
  storage: PreviewStorage;
  /** PREVIEW_MAX_VERSIONS and QUOTA_STORAGE_MB, enforced on what was stored before (or past) them. */
  limits: StorageLimits;
  log: Logger;
  /** Between two sweeps, in ms. Default 10 minutes: expiry itself is exact (the preview reads the recorded expiry); the sweep only reclaims space. */
  intervalMs?: number;
  /** Before the first sweep, in ms. Default 1 minute, so a starting worker first takes jobs. */
  firstDelayMs?: number;
}

/**
 * Runs sweepPreviews periodically in the worker process until `stop()`, which resolves once a sweep
 * in progress has finished (so the database can be closed after it). A failed sweep is logged and
 * tried again next time; the timer never keeps the process alive on its own.
 */
export function schedulePreviewSweeps(options: ScheduleSweepsOptions): { stop(): Promise<void> } {
  const log = options.log.child({ task: 'sweep-previews' });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const run = async () => {
    try {
      const { db, storage, limits } = options;
      const swept = await sweepPreviews({ db, storage, limits, now: new Date() });
      if (swept.length > 0) log.info({ swept: swept.length }, 'expired and deleted previews removed');
    } catch (error) {
      log.warn({ err: error }, 'preview sweep failed; will try again');
    }
  };
  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = run().finally(() => {
        running = undefined;
        schedule(options.intervalMs ?? 10 * 60_000);
      });
    }, delayMs);
    timer.unref();
  };

  schedule(options.firstDelayMs ?? 60_000);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
