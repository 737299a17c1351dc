import type { MiddlewareFn } from 'grammy';
import { isAddressedToBot } from './addressed-to-bot.ts';
import type { BotContext } from './context.ts';

/**
 * A user an operator blocked (`npm run ops -- user block <id>`) gets one short answer (when they
 * spoke to the bot: not to every group message) and no job. The batch read who is banned before
 * any handler ran; a redelivered update never gets this far (the inbox drops it).
 */
export function refuseBannedUsers(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const userId = ctx.actor;
    if (userId === undefined || !ctx.batch.isBanned(userId)) return next();
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.words.banned(), show_alert: true });
    else if (isAddressedToBot(ctx)) await ctx.reply(ctx.words.banned());
  };
}
