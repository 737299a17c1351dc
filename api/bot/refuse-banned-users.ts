import type { MiddlewareFn } from 'grammy';
import { isAddressedToBot } from './addressed-to-bot.ts';
import { wordsOf, type BotContext } from './context.ts';

/**
 * A user an operator blocked (`npm run ops -- user block <id>`) gets one short answer (when they
 * spoke to the bot: not to every group message) and no job.
 * Reads through the update's own transaction, after dedup, so a redelivered update answers nothing.
 */
export function refuseBannedUsers(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const userId = ctx.from?.id;
    if (userId === undefined) return next();
    const banned = await ctx.trx
      .selectFrom('users')
      .select('user_id')
      .where('user_id', '=', userId)
      .where('banned_at', 'is not', null)
      .executeTakeFirst();
    if (!banned) return next();
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: wordsOf(ctx).banned(), show_alert: true });
    else if (isAddressedToBot(ctx)) await ctx.reply(wordsOf(ctx).banned());
  };
}
