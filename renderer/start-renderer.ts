import type { Kysely } from 'kysely';
import type { Config } from '../shared/config/index.ts';
import type { Database } from '../shared/db/schema.ts';
import type { Logger } from '../shared/log/index.ts';
import type { JobQueue } from '../shared/queue/index.ts';
import { consumeTrackingInFlight } from '../shared/queue/consume-tracking-in-flight.ts';
import { createTelegramApi, type LocalBotApi } from '../shared/telegram/index.ts';
import { PageBrowser } from './browser/page-browser.ts';
import { createRenderHandler } from './consume/handle-render.ts';

/**
 * Starts taking renders from `deps.queue` (the render queue) with one browser, started at the first
 * render. `close`: stop taking renders, let those in flight end (each is bounded by
 * RENDER_TIMEOUT_MS), then quit the browser.
 *
 * `deps.local`: without a bot token, who answers the Bot API calls (npm start passes the chat page's
 * conversation).
 */
export async function startRenderer(
  config: Config,
  deps: { db: Kysely<Database>; queue: JobQueue; log: Logger; local?: LocalBotApi },
) {
  const log = deps.log.child({ service: 'renderer' });
  const browser = new PageBrowser({
    chromiumPath: config.renderer.chromiumPath,
    maxBytes: config.renderer.browserMaxBytes,
    log,
  });
  const handler = createRenderHandler({
    db: deps.db,
    telegram: createTelegramApi(config, log, { db: deps.db, local: deps.local }),
    browser,
    log,
    config,
  });
  const inFlight = await consumeTrackingInFlight(deps.queue, handler);
  log.info(
    { concurrency: config.renderer.concurrency, chromium: config.renderer.chromiumPath },
    'renderer taking renders',
  );
  return {
    async close() {
      await deps.queue.stopConsuming();
      await Promise.allSettled([...inFlight]);
      await browser.close();
    },
  };
}
