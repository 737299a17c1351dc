import { parseButtonData } from '../../shared/telegram/buttons.ts';
import type { BotContext, BotDeps } from './context.ts';
import { answerDeleteButton } from './delete-site.ts';
import { sendSiteZip } from './download-site.ts';
import { showSitesPage } from './list-sites.ts';
import { jobsWithSiteAuthor, siteAuthorId } from './jobs-with-site-author.ts';
import { mayChangeSite } from './may-change-site.ts';
import { requestSite, type SiteWish } from './request-site.ts';

/**
 * A tapped inline button. Every tap is answered (Telegram shows a spinner until then): refusals and
 * stale buttons as an alert, everything else with a short toast or nothing. Buttons act on jobs of
 * the chat they were tapped in only; those that change a site (regenerate, try again, restore,
 * delete and its Yes / No) only for whoever may change it (see mayChangeSite). Downloading is for
 * anyone in the chat.
 */
export async function answerButton(ctx: BotContext, deps: BotDeps): Promise<void> {
  const words = ctx.words;
  const action = parseButtonData(ctx.callbackQuery?.data ?? '');
  const alert = (text: string) => ctx.answerCallbackQuery({ text, show_alert: true });
  if (!action || !ctx.chat) return void (await alert(words.staleButton()));

  switch (action.action) {
    case 'sites':
      await showSitesPage(ctx, deps, action.page);
      return void (await ctx.answerCallbackQuery());
    case 'example': {
      const example = words.examples[action.index];
      if (!example) return void (await alert(words.staleButton()));
      return answerWish(ctx, deps, { prompt: example.prompt });
    }
    case 'again':
    case 'zip':
    case 'restore':
    case 'delete':
    case 'confirmDelete':
    case 'keep': {
      const trx = await ctx.transaction();
      const job = await jobsWithSiteAuthor(trx)
        .select([
          'jobs.id',
          'jobs.kind',
          'jobs.prompt',
          'jobs.preview_id',
          'jobs.base_version',
          'jobs.version',
          'jobs.language_code',
          'previews.title',
          'previews.deleted_at',
          'previews.expires_at',
          siteAuthorId.as('author_id'),
        ])
        .where('jobs.id', '=', action.jobId)
        .where('jobs.chat_id', '=', ctx.chat.id)
        .executeTakeFirst();
      // A delete job's message has no buttons: data naming one was forged.
      if (!job || job.kind === 'delete') return void (await alert(words.staleButton()));
      const online =
        job.preview_id === null ||
        (job.deleted_at === null && job.expires_at !== null && job.expires_at.getTime() > Date.now());
      if (!online) return void (await alert(words.staleButton()));
      if (action.action !== 'zip' && !(await mayChangeSite(ctx, deps, job.author_id)))
        return void (await alert(words.notYourSite()));
      if (action.action === 'again') {
        // The same request once more: a new site's fresh take becomes the site's next version.
        const previewId = job.preview_id;
        const again = { kind: job.kind, previewId, baseVersion: job.base_version, regenerate: true };
        return answerWish(ctx, deps, { prompt: job.prompt, ...again });
      }
      if (!job.preview_id || job.version === null || !job.title) return void (await alert(words.staleButton()));
      if (action.action === 'restore')
        return answerWish(ctx, deps, {
          prompt: `restore version ${action.version}`,
          kind: 'restore',
          previewId: job.preview_id,
          baseVersion: action.version,
        });
      if (action.action !== 'zip') {
        const site = { jobId: job.id, kind: job.kind, version: job.version, previewId: job.preview_id };
        return answerDeleteButton(ctx, deps, action.action, { ...site, languageCode: job.language_code });
      }
      await ctx.answerCallbackQuery({ text: words.download.preparing() });
      const site = { previewId: job.preview_id, version: job.version, title: job.title };
      const chatId = ctx.chat.id;
      ctx.afterCommit(() => sendSiteZip(deps, chatId, site, words));
    }
  }
}

async function answerWish(ctx: BotContext, deps: BotDeps, wish: SiteWish): Promise<void> {
  const refusal = requestSite(ctx, deps, wish);
  if (refusal) await ctx.answerCallbackQuery({ text: refusal.replace(/<[^>]+>/g, ''), show_alert: true });
  else await ctx.answerCallbackQuery();
}
