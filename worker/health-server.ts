import Fastify, { LogController } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../shared/db/schema.ts';
import { healthRoutes } from '../shared/health/health-routes.ts';
import type { Logger } from '../shared/log/index.ts';
import { metricsRoute } from '../shared/metrics/index.ts';
import type { JobQueue } from '../shared/queue/index.ts';

export interface HealthServerOptions {
  db: Kysely<Database>;
  queue: JobQueue;
  log: Logger;
  /** LISTEN_HOST and WORKER_PORT (0: any free port). */
  host: string;
  port: number;
  /** True once shutdown began: /ready answers 503 while jobs in flight finish. */
  isShuttingDown: () => boolean;
}

/**
 * The worker's own small HTTP port, for the orchestrator and Prometheus only (compose does not
 * publish it): `/health` (the process runs), `/ready` (database and broker answer, not shutting
 * down), `/metrics`. Probes come every few seconds, so requests are not logged.
 */
export async function startHealthServer(
  options: HealthServerOptions,
): Promise<{ url: string; close(): Promise<void> }> {
  const app = Fastify({
    loggerInstance: options.log,
    logController: new LogController({ disableRequestLogging: true }),
  });
  await app.register(healthRoutes, { db: options.db, queue: options.queue, isShuttingDown: options.isShuttingDown });
  await app.register(metricsRoute);
  const url = await app.listen({ host: options.host, port: options.port });
  return { url, close: () => app.close() };
}
