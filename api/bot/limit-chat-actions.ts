import type { MiddlewareFn } from 'grammy';
import { isAddressedToBot, requestTextOf } from './addressed-to-bot.ts';
import type { BotContext } from './context.ts';

/**
 * CHAT_ACTIONS_PER_MINUTE: a chat's messages to the bot and button taps beyond the limit do
 * nothing — a user tapping Download again and again cannot queue up work for everyone. A tap beyond
 * it is answered with a short alert (taps must be answered); a message beyond it gets one short
 * "slow down" in the window, then silence. Chatter in a group that is not for the bot is not counted.
 */
export function limitChatActions(perMinute: number): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const chatId = ctx.chat?.id;
    const acts = ctx.callbackQuery !== undefined || isAddressedToBot(ctx) || requestTextOf(ctx) !== undefined;
    if (chatId === undefined || !acts) return next();
    const verdict = ctx.batch.chatActions.take(chatId);
    if (verdict === 'within') return next();
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.words.slowDown(perMinute), show_alert: true });
    else if (verdict === 'first-beyond') await ctx.reply(ctx.words.slowDown(perMinute));
  };
}
