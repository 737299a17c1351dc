import { expect } from 'vitest';
import type { ChatMessage } from './fake-telegram.ts';
import type { TestSystem } from './system.ts';
import { until } from './until.ts';

// Telegram update ids are positive 32-bit numbers; these stay clear of tests/support/updates.ts (below 1e9).
let nextUpdateId = 1_200_000_000 + Math.floor(Math.random() * 9e8);
let nextMessageId = 1;
let nextUserId = 7_000_000 + Math.floor(Math.random() * 1e6);

/** The bot's identity in the fake Bot API (getMe). */
export const BOT = { id: 42, is_bot: true, first_name: 'Test Bot', username: 'test_bot' };

export interface PersonOptions {
  /** Telegram client language (default `en`). */
  languageCode?: string;
  /** A group chat id (negative) to talk in; default the person's private chat. */
  groupId?: number;
  userId?: number;
  /**
   * In a group, who the person's messages come from: themselves (default), the group itself (an
   * anonymous admin: Telegram sends them all as GroupAnonymousBot with `sender_chat` = the group)
   * or a channel (Channel_Bot with `sender_chat` = the channel). Their button taps always carry
   * their own user, as Telegram's do.
   */
  sendsAs?: 'anonymous admin' | { channelId: number };
}

/** The users Telegram puts in `from` of messages sent on behalf of a chat. */
export const GROUP_ANONYMOUS_BOT = { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' };
export const CHANNEL_BOT = { id: 136817688, is_bot: true, first_name: 'Channel', username: 'Channel_Bot' };

/**
 * A person talking to the bot through the webhook, as Telegram would deliver their actions, and
 * what they see in the chat (the fake Bot API's view: edits applied, deleted messages gone).
 */
export function person(system: TestSystem, options: PersonOptions = {}) {
  const userId = options.userId ?? nextUserId++;
  const from = { id: userId, is_bot: false, first_name: 'Ada', language_code: options.languageCode ?? 'en' };
  const chat =
    options.groupId !== undefined
      ? { id: options.groupId, type: 'group', title: 'Friends' }
      : { id: userId, type: 'private', first_name: 'Ada' };
  const chatId = chat.id;
  const sender =
    options.sendsAs === 'anonymous admin'
      ? { from: GROUP_ANONYMOUS_BOT, sender_chat: chat }
      : options.sendsAs
        ? { from: CHANNEL_BOT, sender_chat: { id: options.sendsAs.channelId, type: 'channel', title: 'News' } }
        : { from };

  /**
   * Delivers an update like Telegram does, and waits until the bot handled it (its answers go out
   * right after that, through the Bot API).
   */
  async function post(update: Record<string, unknown>) {
    const response = await system.postUpdate({ update_id: nextUpdateId++, ...update });
    expect(response.status).toBe(200);
  }
  const message = (fields: Record<string, unknown>) => ({
    message_id: nextMessageId++,
    date: Math.floor(Date.now() / 1000),
    chat,
    ...sender,
    ...fields,
  });
  const botMessage = (m: ChatMessage) => ({
    message_id: m.messageId,
    date: Math.floor(Date.now() / 1000),
    chat,
    from: BOT,
    text: m.text,
  });

  /** Taps the button labelled `label` (exactly, or matching) under a bot message. */
  async function tap(on: ChatMessage, label: string | RegExp) {
    const button = on.buttons.flat().find((b) => (typeof label === 'string' ? b.text === label : label.test(b.text)));
    if (!button?.data) throw new Error(`no callback button ${String(label)} under ${JSON.stringify(on)}`);
    await post({
      callback_query: {
        id: String(nextUpdateId),
        from,
        chat_instance: 'ci',
        data: button.data,
        message: botMessage(on),
      },
    });
  }

  return {
    userId,
    chatId,
    /** Any update from this person (update_id added), delivered like Telegram does. */
    deliver: post,
    /** The bot is added to this person's group by them. */
    async addBotToGroup() {
      const member = (status: string) => ({ user: BOT, status });
      await post({
        my_chat_member: {
          chat,
          from,
          date: Math.floor(Date.now() / 1000),
          old_chat_member: member('left'),
          new_chat_member: member('member'),
        },
      });
    },
    /** A text message; `/command` gets its entity, `replyTo` makes it a reply to one of the bot's messages. */
    async say(text: string, extra: { replyTo?: ChatMessage } = {}) {
      const command = /^\/\S+/.exec(text)?.[0];
      const mention = /@test_bot/i.exec(text);
      const entities = [
        ...(command ? [{ type: 'bot_command', offset: 0, length: command.length }] : []),
        ...(mention ? [{ type: 'mention', offset: mention.index, length: mention[0].length }] : []),
      ];
      await post({
        message: message({
          text,
          ...(entities.length ? { entities } : {}),
          ...(extra.replyTo ? { reply_to_message: botMessage(extra.replyTo) } : {}),
        }),
      });
    },
    tap,
    /** Taps like `tap`, and returns the bot's answer to that tap (its answerCallbackQuery call). */
    async tapForAnswer(on: ChatMessage, label: string | RegExp) {
      const before = new Set(system.telegram.calls);
      await tap(on, label);
      return system.telegram.waitFor(() =>
        system.telegram.calls.find((c) => c.method === 'answerCallbackQuery' && !before.has(c) && c.status === 200),
      );
    },
    async sendSticker() {
      await post({
        message: message({
          sticker: {
            file_id: 'x',
            file_unique_id: 'y',
            type: 'regular',
            width: 512,
            height: 512,
            is_animated: false,
            is_video: false,
          },
        }),
      });
    },
    async sendVoice() {
      await post({ message: message({ voice: { file_id: 'v', file_unique_id: 'w', duration: 3 } }) });
    },
    async sendPhoto() {
      await post({ message: message({ photo: [{ file_id: 'p', file_unique_id: 'q', width: 90, height: 90 }] }) });
    },
    async edit(text: string) {
      await post({ edited_message: { ...message({ text }), edit_date: Math.floor(Date.now() / 1000) } });
    },
    /** The user blocks (true) or unblocks (false) the bot: Telegram's my_chat_member update. */
    async setBlocked(blocked: boolean) {
      const member = (status: string) => ({ user: BOT, status, ...(status === 'kicked' ? { until_date: 0 } : {}) });
      await post({
        my_chat_member: {
          chat,
          from,
          date: Math.floor(Date.now() / 1000),
          old_chat_member: member(blocked ? 'member' : 'kicked'),
          new_chat_member: member(blocked ? 'kicked' : 'member'),
        },
      });
    },
    /** What this chat shows now, oldest first. */
    sees: () => system.telegram.chat(chatId),
    /** Waits until the chat shows a message matching `pattern` (after `after` messages, if given) and returns it. */
    async waitForMessage(pattern: RegExp, timeoutMs = 20_000): Promise<ChatMessage> {
      let found: ChatMessage | undefined;
      await until(
        () => (found = system.telegram.chat(chatId).find((m) => pattern.test(m.text))) !== undefined,
        timeoutMs,
      ).catch(() => {
        throw new Error(
          `no message matching ${pattern} in chat ${chatId}; it shows: ${JSON.stringify(system.telegram.chat(chatId).map((m) => m.text))}`,
        );
      });
      return found!;
    },
    /** Waits for the n-th (1-based) message matching `pattern`. */
    async waitForNth(pattern: RegExp, n: number, timeoutMs = 20_000): Promise<ChatMessage> {
      let found: ChatMessage | undefined;
      await until(
        () => (found = system.telegram.chat(chatId).filter((m) => pattern.test(m.text))[n - 1]) !== undefined,
        timeoutMs,
      ).catch(() => {
        throw new Error(
          `no message ${n} matching ${pattern} in chat ${chatId}; it shows: ${JSON.stringify(system.telegram.chat(chatId).map((m) => m.text))}`,
        );
      });
      return found!;
    },
  };
}

export type Person = ReturnType<typeof person>;

/** A result message's site link (`…/p/<id>/`), its preview id. */
export function siteLinkOf(message: ChatMessage): { url: string; previewId: string } {
  const match = /(https?:\/\/\S+?\/p\/([a-z2-7]{26})\/)(?=\s|$)/m.exec(message.text);
  if (!match) throw new Error(`no site link in ${message.text}`);
  return { url: match[1]!, previewId: match[2]! };
}

/** A result message: it carries the link and the download button. */
export const RESULT = /is ready:|is back, as version/;

/** A site's version numbers, as its rows list them, oldest first. */
export async function versionsOf(system: TestSystem, previewId: string): Promise<number[]> {
  const rows = await system.db
    .selectFrom('preview_versions')
    .select('version')
    .where('preview_id', '=', previewId)
    .orderBy('version')
    .execute();
  return rows.map((row) => row.version);
}
