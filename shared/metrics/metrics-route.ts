import type { FastifyPluginAsync } from 'fastify';
import { metricsRegistry } from './registry.ts';

/**
 * `GET /metrics`: this process's registry in Prometheus's text format. No response schema: the body
 * is text, not JSON. Scrapes come every few seconds, so their request lines are not logged.
 */
export const metricsRoute: FastifyPluginAsync = async (app) => {
  app.get('/metrics', { logLevel: 'warn' }, async (_request, reply) => {
    const body = await metricsRegistry.metrics();
    return reply.type(metricsRegistry.contentType).send(body);
  });
};
