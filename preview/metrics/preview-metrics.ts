import type { FastifyReply, FastifyRequest } from 'fastify';
import { Histogram } from 'prom-client';
import { metricsRegistry } from '../../shared/metrics/index.ts';

// The preview service's metrics, on the process registry; README ("Metrics") lists every one.

export const previewRequestSeconds = new Histogram<'code'>({
  name: 'orchestrator_preview_request_duration_seconds',
  help: 'Requests to the preview origin from arrival to answer, by HTTP status code; _count is the number of requests by status.',
  labelNames: ['code'],
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
  registers: [metricsRegistry],
});

/** onResponse hook for the preview app: every answer, whatever route (or none) it came from. */
export async function observePreviewRequest(_request: FastifyRequest, reply: FastifyReply): Promise<void> {
  previewRequestSeconds.observe({ code: String(reply.statusCode) }, reply.elapsedTime / 1000);
}
