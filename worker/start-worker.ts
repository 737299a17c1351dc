import type { Kysely } from 'kysely';
import type { Config } from '../shared/config/index.ts';
import type { Database } from '../shared/db/schema.ts';
import type { Logger } from '../shared/log/index.ts';
import type { JobQueue } from '../shared/queue/index.ts';
import { createTelegramApi } from '../shared/telegram/index.ts';
import { createJobHandler } from './consume/handle-job.ts';
import { createProvider } from './generate/create-provider.ts';

/** Starts consuming jobs. `close` stops taking work and aborts provider calls in flight. */
export async function startWorker(config: Config, deps: { db: Kysely<Database>; queue: JobQueue; log: Logger }) {
  const log = deps.log.child({ service: 'worker' });
  const shutdown = new AbortController();
  const handler = createJobHandler({
    db: deps.db,
    provider: createProvider(config.ai),
    telegram: createTelegramApi(config, log, { db: deps.db }),
    log,
    config,
    shutdown: shutdown.signal,
  });
  const inFlight = new Set<Promise<unknown>>();
  await deps.queue.consume((message) => {
    const work = handler(message);
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work)).catch(() => undefined);
    return work;
  });
  log.info({ provider: config.ai.provider, concurrency: config.jobs.concurrency }, 'worker consuming jobs');
  return {
    async close() {
      await deps.queue.stopConsuming();
      shutdown.abort();
      // Let aborted jobs record their attempt and schedule their retry before the queue closes.
      await Promise.allSettled([...inFlight]);
    },
  };
}
