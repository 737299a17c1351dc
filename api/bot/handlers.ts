import type { Bot } from 'grammy';
import { recordUpdate } from '../dedup/record-update.ts';
import { isAddressedToBot } from './addressed-to-bot.ts';
import { answerButton } from './answer-buttons.ts';
import { cancelJobs } from './cancel-jobs.ts';
import { replyHtml, wordsOf, type BotContext, type BotDeps } from './context.ts';
import { listSites } from './list-sites.ts';
import { refuseBannedUsers } from './refuse-banned-users.ts';
import { newSiteCommand, textRequest, welcome } from './site-requests.ts';
import { trackMembership } from './track-membership.ts';
import { reportUsage } from './usage-report.ts';

export type { BotContext, BotDeps } from './context.ts';

/**
 * What the bot does with an update, in order: dedupe it; note the bot's own membership (blocked,
 * unblocked, added to a group); ignore channel posts; refuse banned users; then commands, button
 * taps, site requests (a reply to a result revises it) and a short explanation for anything else.
 * Short answers ride on the webhook response (grammY's webhook reply), so the webhook never waits
 * on the Bot API; in groups the bot hears only commands and messages addressed to it.
 */
export function installHandlers(bot: Bot<BotContext>, deps: BotDeps): void {
  bot.use(recordUpdate(deps.db, deps.background));
  bot.on('my_chat_member', trackMembership);
  bot.on(['channel_post', 'edited_channel_post'], () => undefined);
  bot.on('edited_message', async (ctx) => {
    if (ctx.chat.type === 'private') await ctx.reply(wordsOf(ctx).editIgnored());
  });
  bot.on(['message', 'callback_query'], refuseBannedUsers());

  bot.command('start', welcome);
  bot.command('help', (ctx) => replyHtml(ctx, wordsOf(ctx).help()));
  bot.command('new', (ctx) => newSiteCommand(ctx, deps));
  bot.command('sites', (ctx) => listSites(ctx, deps));
  bot.command('cancel', (ctx) => cancelJobs(ctx, deps));
  bot.command('usage', (ctx) => reportUsage(ctx, deps));
  bot.on('callback_query:data', (ctx) => answerButton(ctx, deps));
  bot.on('message:text', (ctx) => textRequest(ctx, deps));
  bot.on('message').filter(isAddressedToBot, (ctx) => ctx.reply(wordsOf(ctx).onlyText()));
}
