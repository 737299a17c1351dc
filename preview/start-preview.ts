import type { Config } from '../shared/config/index.ts';
import type { Logger } from '../shared/log/index.ts';
import { buildPreviewApp } from './app.ts';

/** Serves PREVIEWS_DIR on LISTEN_HOST:PREVIEW_PORT; resolves once listening. Used by preview/main.ts and the all-in-one main.ts. */
export async function startPreview(config: Config, log: Logger): Promise<{ url: string; close(): Promise<void> }> {
  const app = await buildPreviewApp({
    previewsDir: config.preview.dir,
    hostMode: config.preview.hostMode,
    baseUrl: config.preview.baseUrl,
    logger: log.child({ service: 'preview' }),
  });
  const url = await app.listen({ host: config.listenHost, port: config.preview.port });
  return {
    url,
    async close() {
      await app.close();
    },
  };
}
