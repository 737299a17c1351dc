import type { Api } from 'grammy';
import type { Kysely } from 'kysely';
import type { Config } from '../../shared/config/index.ts';
import type { Database } from '../../shared/db/schema.ts';
import { deliverFinalMessage, type ChatDeps } from '../../shared/jobs/deliver-final-message.ts';
import { renderTimeLeft } from '../../shared/jobs/index.ts';
import type { Logger } from '../../shared/log/index.ts';
import { previewUrl } from '../../shared/previews/index.ts';
import type { HandlerOutcome, JobHandler } from '../../shared/queue/index.ts';
import type { PageBrowser } from '../browser/page-browser.ts';
import { renderSite } from '../render-site/render-site.ts';
import { recordQuality } from './record-quality.ts';

export interface RendererDeps {
  db: Kysely<Database>;
  telegram: Api;
  browser: PageBrowser;
  log: Logger;
  config: Pick<Config, 'preview' | 'renderer' | 'jobs'>;
}

/**
 * One render message, start to finish: the finished job whose final message the worker handed over
 * → its version rendered from the preview origin (both widths, the quality check, stored on the
 * version's row) → the final message with the picture. A render that fails or runs past RENDER_TIMEOUT_MS costs only the
 * picture: the link goes alone, at once. The final message is sent through the same claim as the
 * worker's, so a redelivered render, or the worker sending the link alone at the deadline, never
 * makes a second one; a job whose message went out already is not rendered again.
 */
export function createRenderHandler(deps: RendererDeps): JobHandler {
  const chat: ChatDeps = {
    telegram: deps.telegram,
    db: deps.db,
    previewBaseUrl: deps.config.preview.baseUrl,
    previewHostMode: deps.config.preview.hostMode,
    replyClaimMs: deps.config.jobs.leaseMs,
  };

  return async ({ jobId }): Promise<HandlerOutcome> => {
    const log = deps.log.child({ jobId });
    const job = await deps.db
      .selectFrom('jobs')
      .select(['status', 'preview_id', 'version', 'result_message_id'])
      .where('id', '=', jobId)
      .executeTakeFirst();
    if (!job || job.status !== 'done' || job.result_message_id !== null || !job.preview_id || job.version === null)
      return { action: 'ack' };
    const picture =
      (await renderTimeLeft(deps.db, jobId)) === 0 ? undefined : await render(job.preview_id, job.version, log);
    try {
      const pending = await deliverFinalMessage(chat, jobId, log, picture);
      return pending ? { action: 'retry', delayMs: pending.retryInMs } : { action: 'ack' };
    } catch (error) {
      log.warn({ err: error }, 'could not send the final message; will retry');
      return { action: 'retry', delayMs: deps.config.jobs.retryBaseDelayMs };
    }
  };

  /** The picture for the chat, or undefined when the page could not be rendered in time. */
  async function render(previewId: string, version: number, log: Logger): Promise<Buffer | undefined> {
    const url = previewUrl(deps.config.renderer.baseUrl, previewId, deps.config.preview.hostMode, version);
    const startedAt = performance.now();
    try {
      const site = await deps.browser.withPage(deps.config.renderer.timeoutMs, (page) => renderSite(page, url));
      const { findings, sidewaysPx } = site.quality;
      log.info(
        { previewId, version, ms: Math.round(performance.now() - startedAt), findings: findings.length, sidewaysPx },
        'site rendered and checked',
      );
      await recordQuality(deps.db, previewId, version, site.quality);
      return site.picture;
    } catch (error) {
      log.warn({ err: error, previewId, version }, 'could not render the site; the link goes alone');
      return undefined;
    }
  }
}
