import Fastify, { LogController } from 'fastify';
import type { Logger } from '../../shared/log/index.ts';
import { metricsRoute } from '../../shared/metrics/index.ts';

/**
 * `GET /metrics` of the preview service, on a port of its own (PREVIEW_METRICS_PORT), never on the
 * preview origin: that one is public behind nginx and serves previews and /health only.
 */
export async function startMetricsServer(options: {
  host: string;
  port: number;
  log: Logger;
}): Promise<{ url: string; close(): Promise<void> }> {
  const app = Fastify({
    loggerInstance: options.log,
    logController: new LogController({ disableRequestLogging: true }),
  });
  await app.register(metricsRoute);
  const url = await app.listen({ host: options.host, port: options.port });
  return { url, close: () => app.close() };
}
