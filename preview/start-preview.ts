import type { Config } from '../shared/config/index.ts';
import type { Logger } from '../shared/log/index.ts';
import { buildPreviewApp } from './app.ts';
import { startMetricsServer } from './metrics/metrics-server.ts';
import { observePreviewRequest } from './metrics/preview-metrics.ts';

/**
 * Serves PREVIEWS_DIR on LISTEN_HOST:PREVIEW_PORT, and its metrics on LISTEN_HOST:PREVIEW_METRICS_PORT;
 * resolves once both listen. Used by preview/main.ts and the all-in-one main.ts.
 */
export async function startPreview(
  config: Config,
  log: Logger,
): Promise<{ url: string; metricsUrl: string; close(): Promise<void> }> {
  const serviceLog = log.child({ service: 'preview' });
  const app = await buildPreviewApp({
    previewsDir: config.preview.dir,
    hostMode: config.preview.hostMode,
    baseUrl: config.preview.baseUrl,
    logger: serviceLog,
  });
  app.addHook('onResponse', observePreviewRequest);
  const url = await app.listen({ host: config.listenHost, port: config.preview.port });
  const metrics = await startMetricsServer({
    host: config.listenHost,
    port: config.preview.metricsPort,
    log: serviceLog,
  });
  return {
    url,
    metricsUrl: metrics.url,
    async close() {
      await app.close();
      await metrics.close();
    },
  };
}
