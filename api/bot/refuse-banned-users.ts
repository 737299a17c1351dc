import type { MiddlewareFn } from 'grammy';
import { words } from '../../shared/telegram/words.ts';
import type { BotContext } from './handlers.ts';

/**
 * A user an operator blocked (`npm run ops -- user block <id>`) gets one short answer and no job.
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
    await ctx.reply(words.banned());
  };
}
