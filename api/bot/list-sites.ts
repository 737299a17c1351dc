import { InlineKeyboard } from 'grammy';
import { sql } from 'kysely';
import { previewUrl } from '../../shared/previews/index.ts';
import { buttonData } from '../../shared/telegram/buttons.ts';
import type { BotContext, BotDeps } from './context.ts';

const PAGE_SIZE = 5;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * /sites: the sites still online, newest change first, a page at a time — in a private chat the
 * user's own, in a group those made in that group (by anyone), never a site of another chat.
 */
export async function listSites(ctx: BotContext, deps: BotDeps): Promise<void> {
  const page = await sitesPage(ctx, deps, 0);
  await ctx.reply(page.text, {
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    reply_markup: page.keyboard,
  });
}

/** A tap on ◀ / ▶ under /sites: the same message shows another page. */
export async function showSitesPage(ctx: BotContext, deps: BotDeps, page: number): Promise<void> {
  const shown = await sitesPage(ctx, deps, page);
  await ctx.editMessageText(shown.text, {
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    reply_markup: shown.keyboard,
  });
}

async function sitesPage(ctx: BotContext, deps: BotDeps, requested: number) {
  const words = ctx.words;
  const inGroup = ctx.chat!.type !== 'private';
  // A site's first job says where it was made and by whom.
  const all = (await ctx.transaction()).selectFrom('previews').innerJoin('jobs', 'jobs.id', 'previews.job_id');
  const online = (inGroup ? all.where('jobs.chat_id', '=', ctx.chat!.id) : all.where('jobs.user_id', '=', ctx.actor!))
    .where('previews.deleted_at', 'is', null)
    .where('previews.expires_at', '>', sql<Date>`now()`);
  const { n } = await online.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const pages = Math.max(1, Math.ceil(Number(n) / PAGE_SIZE));
  const page = Math.min(Math.max(0, requested), pages - 1);
  if (Number(n) === 0) return { text: words.sites.empty(inGroup), keyboard: undefined };
  const rows = await online
    .select(['previews.id', 'previews.title', 'previews.latest_version', 'previews.updated_at'])
    .orderBy('previews.updated_at', 'desc')
    .orderBy('previews.id')
    .limit(PAGE_SIZE)
    .offset(page * PAGE_SIZE)
    .execute();
  const sites = rows.map((row) => ({
    title: row.title,
    url: previewUrl(deps.preview.baseUrl, row.id, deps.preview.hostMode),
    version: row.latest_version,
    ageDays: Math.floor((Date.now() - row.updated_at.getTime()) / DAY_MS),
  }));
  const keyboard = new InlineKeyboard();
  if (page > 0) keyboard.text(words.buttons.newer, buttonData({ action: 'sites', page: page - 1 }));
  if (page < pages - 1) keyboard.text(words.buttons.older, buttonData({ action: 'sites', page: page + 1 }));
  return { text: words.sites.page(sites, page + 1, pages, inGroup), keyboard: pages > 1 ? keyboard : undefined };
}
