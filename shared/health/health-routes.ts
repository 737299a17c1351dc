import { sql, type Kysely } from 'kysely';
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../db/schema.ts';
import type { JobQueue } from '../queue/index.ts';

export interface HealthOptions {
  db: Kysely<Database>;
  queue: JobQueue;
  /** True once shutdown began: from then on /ready answers 503, so no new traffic is sent here. */
  isShuttingDown: () => boolean;
}

/**
 * `/health`: the process answers. `/ready`: the database and the broker answer too, and we are not
 * shutting down. The api serves them on its port, the worker on its own small one (WORKER_PORT).
 */
export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (app, { db, queue, isShuttingDown }) => {
  const statusSchema = {
    type: 'object',
    properties: { status: { type: 'string' }, database: { type: 'string' }, queue: { type: 'string' } },
  } as const;

  app.get('/health', { schema: { response: { 200: statusSchema } } }, async () => ({ status: 'ok' }));

  app.get('/ready', { schema: { response: { 200: statusSchema, 503: statusSchema } } }, async (request, reply) => {
    if (isShuttingDown()) return reply.code(503).send({ status: 'shutting down' });
    const [database, broker] = await Promise.allSettled([sql`select 1`.execute(db), queue.ping()]);
    const ready = database.status === 'fulfilled' && broker.status === 'fulfilled';
    if (!ready) request.log.warn({ database: database.status, queue: broker.status }, 'not ready');
    return reply.code(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'unavailable',
      database: database.status === 'fulfilled' ? 'ok' : 'unavailable',
      queue: broker.status === 'fulfilled' ? 'ok' : 'unavailable',
    });
  });
};
