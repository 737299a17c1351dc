import type { Update } from 'grammy/types';

/**
 * Who acts in an update, as the bot counts them (quotas, bans, authorship of sites): the chat a
 * message was sent on behalf of when there is one — an anonymous group admin (`sender_chat` = the
 * group) or a channel (`sender_chat` = the channel) — else the user. Telegram sends all anonymous
 * admins of every group as one user (GroupAnonymousBot) and all channels as another (Channel_Bot),
 * so their `from` says nobody in particular. A button tap always carries the real user who tapped.
 */
export function actorOf(update: Update): number | undefined {
  const message = update.message ?? update.edited_message;
  if (message) return message.sender_chat?.id ?? message.from?.id;
  return (update.callback_query ?? update.my_chat_member)?.from.id;
}
