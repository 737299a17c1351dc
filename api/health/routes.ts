import { sql, type Kysely } from 'kysely';
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../shared/db/schema.ts';
import type { JobQueue } from '../../shared/queue/index.ts';

/** `/health`: the process answers. `/ready`: the database and the broker answer too. */
export const healthRoutes: FastifyPluginAsync<{ db: Kysely<Database>; queue: JobQueue }> = async (app, { db, queue }) => {
  const statusSchema = {
    type: 'object',
    properties: { status: { type: 'string' }, database: { type: 'string' }, queue: { type: 'string' } },
  } as const;

  app.get('/health', { schema: { response: { 200: statusSchema } } }, async () => ({ status: 'ok' }));

  app.get('/ready', { schema: { response: { 200: statusSchema, 503: statusSchema } } }, async (request, reply) => {
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
