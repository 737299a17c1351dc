import type { Kysely } from 'kysely';
import type { Config } from '../shared/config/index.ts';
import type { Database } from '../shared/db/schema.ts';
import type { Logger } from '../shared/log/index.ts';
import { openPreviewStorage, storageLimitsOf } from '../shared/previews/index.ts';
import type { JobQueue } from '../shared/queue/index.ts';
import { consumeTrackingInFlight } from '../shared/queue/consume-tracking-in-flight.ts';
import { createTelegramApi, type LocalBotApi } from '../shared/telegram/index.ts';
import { createJobHandler } from './consume/handle-job.ts';
import { createProvider } from './generate/create-provider.ts';
import { startHealthServer } from './health-server.ts';
import { measureJobAttempts } from './metrics/measure-job-attempts.ts';
import { measureProviderCalls } from './metrics/measure-provider-calls.ts';
import { measureQueueDepths } from './metrics/measure-queue-depths.ts';
import { schedulePreviewSweeps } from './sweep-previews/schedule-sweeps.ts';

/**
 * Starts consuming jobs. `close` is the graceful shutdown: stop taking work, let jobs in flight
 * finish for up to SHUTDOWN_GRACE_MS, then abort the rest (their provider calls stop through the
 * AbortSignal, they record a retryable failure and go back to the queue for another worker), and
 * resolve once every handler has returned; the queue, closed after this, settles their messages.
 * Its HTTP port (WORKER_PORT: /health, /ready, /metrics) answers from start to the end of `close`;
 * /ready turns 503 as soon as shutdown begins. The preview storage is opened here (a missing bucket
 * throws a ConfigError) and closed last.
 *
 * `deps.local`: without a bot token, who answers the worker's Bot API calls (npm start passes the
 * api's chat page conversation); default: stand-ins, the messages only logged.
 * `deps.renders`: the render queue; with SCREENSHOTS=on and a renderer consuming it, a finished
 * site's final message goes through the renderer (with a picture of the page).
 */
export async function startWorker(
  config: Config,
  deps: { db: Kysely<Database>; queue: JobQueue; log: Logger; local?: LocalBotApi; renders?: JobQueue },
) {
  const log = deps.log.child({ service: 'worker' });
  const shutdown = new AbortController();
  let stopping = false;
  const storage = await openPreviewStorage(config.preview.storage);
  const handler = measureJobAttempts(
    deps.db,
    createJobHandler({
      db: deps.db,
      provider: measureProviderCalls(createProvider(config.ai)),
      telegram: createTelegramApi(config, log, { db: deps.db, local: deps.local }),
      storage,
      log,
      config,
      shutdown: shutdown.signal,
      renders: config.renderer.screenshots ? deps.renders : undefined,
    }),
  );
  const health = await startHealthServer({
    ...deps,
    log,
    host: config.listenHost,
    port: config.worker.port,
    isShuttingDown: () => stopping,
  });
  const queueDepths = measureQueueDepths(config);
  const inFlight = await consumeTrackingInFlight(deps.queue, handler);
  log.info(
    { provider: config.ai.provider, concurrency: config.jobs.concurrency, health: health.url },
    'worker consuming jobs',
  );
  const sweeps = schedulePreviewSweeps({ db: deps.db, storage, limits: storageLimitsOf(config), log });
  return {
    url: health.url,
    async close() {
      stopping = true;
      await sweeps.stop();
      await deps.queue.stopConsuming();
      if (inFlight.size > 0)
        log.info({ inFlight: inFlight.size, graceMs: config.shutdownGraceMs }, 'waiting for jobs in flight');
      if (!(await settledWithin([...inFlight], config.shutdownGraceMs))) {
        log.warn({ inFlight: inFlight.size }, 'grace period over; aborting jobs in flight, they will be retried');
        shutdown.abort();
      }
      // Let aborted jobs record their attempt and schedule their retry before the queue closes.
      await Promise.allSettled([...inFlight]);
      await queueDepths.close();
      await health.close();
      await storage.close();
    },
  };
}

/** True when every promise settled within `ms`. */
async function settledWithin(work: Promise<unknown>[], ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([Promise.allSettled(work).then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
