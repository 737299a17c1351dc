import { markBotBlocked } from '../../shared/telegram/bot-blocked.ts';
import type { BotContext } from './context.ts';

/**
 * `my_chat_member`: the bot's own membership changed. In a private chat that is the user blocking
 * (kicked) or unblocking (member) the bot: remembered, so nothing is sent to a user who blocked it.
 * Added to a group, the bot says how to ask it there.
 */
export async function trackMembership(ctx: BotContext): Promise<void> {
  const update = ctx.myChatMember!;
  const status = update.new_chat_member.status;
  if (update.chat.type === 'private')
    return markBotBlocked(await ctx.transaction(), update.chat.id, status === 'kicked');
  const joined =
    (status === 'member' || status === 'administrator') &&
    (update.old_chat_member.status === 'left' || update.old_chat_member.status === 'kicked');
  if (joined) await ctx.reply(ctx.words.groupHello(ctx.me.username), { parse_mode: 'HTML' });
}
