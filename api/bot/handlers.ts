import type { Bot, MiddlewareFn, Transformer } from 'grammy';
import type { Update } from 'grammy/types';
import { wordsFor } from '../../shared/telegram/words/index.ts';
import { actorOf } from './actor.ts';
import { isAddressedToBot } from './addressed-to-bot.ts';
import { answerButton } from './answer-buttons.ts';
import { cancelJobs } from './cancel-jobs.ts';
import { limitChatActions } from './limit-chat-actions.ts';
import { replyHtml, type BotContext, type BotDeps, type UpdateScope } from './context.ts';
import { listSites } from './list-sites.ts';
import { refuseBannedUsers } from './refuse-banned-users.ts';
import { newSiteCommand, textRequest, welcome } from './site-requests.ts';
import { trackMembership } from './track-membership.ts';
import { reportUsage } from './usage-report.ts';

export type { BotContext, BotDeps, UpdateScope } from './context.ts';

/** The scope each update is handled in, handed over by handleInBatch. */
const scopes = new WeakMap<Update, UpdateScope>();

/** Runs one update of an inbox batch through the bot's handlers, within `scope`. */
export async function handleInBatch(bot: Bot<BotContext>, update: Update, scope: UpdateScope): Promise<void> {
  scopes.set(update, scope);
  await bot.handleUpdate(update);
}

/**
 * What the bot does with an update, in order: take its place in the batch; note the bot's own
 * membership (blocked, unblocked, added to a group); ignore channel posts; refuse banned users and
 * a chat's actions beyond CHAT_ACTIONS_PER_MINUTE; then
 * commands, button taps, site requests (a reply to a result revises it) and a short explanation for
 * anything else. Its answers are sent once its batch committed; in groups the bot hears only
 * commands and messages addressed to it.
 */
export function installHandlers(bot: Bot<BotContext>, deps: BotDeps): void {
  bot.use(joinBatch);
  bot.on('my_chat_member', trackMembership);
  bot.on(['channel_post', 'edited_channel_post'], () => undefined);
  bot.on('edited_message', async (ctx) => {
    if (ctx.chat.type === 'private') await ctx.reply(ctx.words.editIgnored());
  });
  bot.on(['message', 'callback_query'], refuseBannedUsers());
  bot.on(['message', 'callback_query'], limitChatActions(deps.quotas.chatActionsPerMinute));

  bot.command('start', welcome);
  bot.command('help', (ctx) => replyHtml(ctx, ctx.words.help()));
  bot.command('new', (ctx) => newSiteCommand(ctx, deps));
  bot.command('sites', (ctx) => listSites(ctx, deps));
  bot.command('cancel', (ctx) => cancelJobs(ctx, deps));
  bot.command('usage', (ctx) => reportUsage(ctx, deps));
  bot.on('callback_query:data', (ctx) => answerButton(ctx, deps));
  bot.on('message:text', (ctx) => textRequest(ctx, deps));
  bot.on('message').filter(isAddressedToBot, (ctx) => ctx.reply(ctx.words.onlyText()));
}

/**
 * Gives the context its batch scope, the user's words and who acts, and records the update's Bot
 * API calls instead of sending them: they go out after the commit (see UpdateScope).
 */
const joinBatch: MiddlewareFn<BotContext> = async (ctx, next) => {
  const scope = scopes.get(ctx.update);
  if (!scope) throw new Error('an update reached the bot outside an inbox batch');
  ctx.api.config.use(recordCalls(scope));
  ctx.batch = scope.batch;
  ctx.transaction = scope.transaction;
  ctx.enqueueJob = scope.enqueueJob;
  ctx.afterCommit = scope.afterCommit;
  ctx.words = wordsFor(ctx.from?.language_code);
  ctx.actor = actorOf(ctx.update);
  await next();
};

/** The outermost transformer of the update's Bot API client: nothing is sent from inside a batch. */
function recordCalls(scope: UpdateScope): Transformer {
  return (_prev, method, payload) => {
    scope.recordCall(method, payload);
    // What Telegram answers a call made as a webhook reply (handlers never read the result); grammY
    // types each method's result, which `true` stands in for here.
    return Promise.resolve({ ok: true, result: true } as never);
  };
}
