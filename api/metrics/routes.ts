import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Database } from '../../shared/db/schema.ts';
import { metricsRoute } from '../../shared/metrics/index.ts';
import { WEBHOOK_PATH } from '../webhook/route.ts';
import { outboxUnpublished, webhookRequestSeconds } from './api-metrics.ts';

/**
 * `GET /metrics` on the api port (nginx does not forward it), the webhook's answers by status and
 * latency, and the outbox backlog, counted in the database whenever Prometheus scrapes. Registered
 * without encapsulation, so its onResponse hook sees the webhook route.
 */
export const apiMetricsRoutes = fp<{ db: Kysely<Database> }>(
  async (app, { db }) => {
    await app.register(metricsRoute);
    app.addHook('onResponse', async (request, reply) => {
      if (request.routeOptions.url !== WEBHOOK_PATH) return;
      webhookRequestSeconds.observe({ code: String(reply.statusCode) }, reply.elapsedTime / 1000);
    });
    const stopMeasuring = outboxUnpublished.measureWith(async () => [{ value: await countUnpublished(db) }]);
    app.addHook('onClose', async () => stopMeasuring());
  },
  { name: 'api-metrics' },
);

async function countUnpublished(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<string>().as('unpublished'))
    .where('published_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.unpublished);
}
