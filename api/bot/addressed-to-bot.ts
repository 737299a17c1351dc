import type { Context } from 'grammy';

/**
 * The request a text message makes of the bot, or undefined when it is not addressed to it: in a
 * private chat every message is; in a group only a reply to one of the bot's messages or a message
 * that mentions it (the mention is taken out of the request).
 */
export function requestTextOf(ctx: Context): string | undefined {
  const message = ctx.message;
  if (!message?.text) return undefined;
  if (ctx.chat?.type === 'private') return message.text.trim();
  if (message.reply_to_message?.from?.id === ctx.me.id) return message.text.trim();
  const mention = `@${ctx.me.username}`.toLowerCase();
  const mentioned = (message.entities ?? []).find(
    (entity) =>
      entity.type === 'mention' &&
      message.text!.slice(entity.offset, entity.offset + entity.length).toLowerCase() === mention,
  );
  if (!mentioned) return undefined;
  return (message.text.slice(0, mentioned.offset) + message.text.slice(mentioned.offset + mentioned.length))
    .replace(/\s+/g, ' ')
    .trim();
}

/** True for messages the bot should answer even when it cannot use them (a sticker sent to it). */
export function isAddressedToBot(ctx: Context): boolean {
  return ctx.chat?.type === 'private' || ctx.message?.reply_to_message?.from?.id === ctx.me.id;
}
