import type { Config } from '../shared/config/index.ts';
import type { Logger } from '../shared/log/index.ts';
import { openPreviewStorage } from '../shared/previews/index.ts';
import { buildPreviewApp } from './app.ts';
import { startMetricsServer } from './metrics/metrics-server.ts';
import { observePreviewAnswer, observePreviewRequest } from './metrics/preview-metrics.ts';

/**
 * Serves the preview storage (PREVIEW_STORAGE) on LISTEN_HOST:PREVIEW_PORT, and its metrics on
 * LISTEN_HOST:PREVIEW_METRICS_PORT; resolves once both listen. A missing bucket throws a
 * ConfigError first. Used by preview/main.ts and the all-in-one main.ts.
 */
export async function startPreview(
  config: Config,
  log: Logger,
): Promise<{ url: string; metricsUrl: string; close(): Promise<void> }> {
  const serviceLog = log.child({ service: 'preview' });
  const storage = await openPreviewStorage(config.preview.storage);
  const app = await buildPreviewApp({
    storage,
    hostMode: config.preview.hostMode,
    baseUrl: config.preview.baseUrl,
    cacheBytes: config.preview.cacheBytes,
    readTimeoutMs: config.preview.readTimeoutMs,
    logger: serviceLog,
    onAnswer: observePreviewAnswer,
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
      await storage.close();
    },
  };
}
