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

/** onResponse hook for the preview app: every answer fastify gives, whatever route (or none) it came from. */
export function observePreviewRequest(_request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  observePreviewAnswer(reply.statusCode, reply.elapsedTime / 1000);
  done();
}

/** One series per status, looked up once: this runs for every preview file answered. */
const byStatus = new Map<number, { observe(seconds: number): void }>();

/** Records one answer (the preview files are answered before fastify, so they report here directly). */
export function observePreviewAnswer(status: number, seconds: number): void {
  let series = byStatus.get(status);
  if (series === undefined) {
    series = previewRequestSeconds.labels({ code: String(status) });
    byStatus.set(status, series);
  }
  series.observe(seconds);
}
