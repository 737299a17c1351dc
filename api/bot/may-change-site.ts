import type { BotContext, BotDeps } from './context.ts';

/**
 * Whether the one behind this update may change a site (revise, restore, regenerate) that
 * `authorId` made: in a private chat its owner always (every site there is theirs); in a group the
 * site's author (see actorOf) and the group's admins — an anonymous admin (a message sent as the
 * group itself) is one, a user is one when Telegram says so (getChatMember, remembered briefly), a
 * channel posting in the group never is.
 */
export async function mayChangeSite(ctx: BotContext, deps: BotDeps, authorId: number | null): Promise<boolean> {
  const chat = ctx.chat!;
  if (chat.type === 'private') return true;
  if (ctx.actor !== undefined && ctx.actor === authorId) return true;
  const senderChat = ctx.message?.sender_chat;
  if (senderChat) return senderChat.id === chat.id;
  const userId = ctx.from?.id;
  return userId !== undefined && deps.chatAdmins.isAdmin(chat.id, userId);
}
