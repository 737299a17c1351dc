import { InputFile } from 'grammy';
import type { InlineKeyboardMarkup, Message } from 'grammy/types';
import { LOCAL_BOT_INFO, LocalBotApiRefusal, type LocalBotApi } from '../../shared/telegram/local-bot-api.ts';

/** One inline button as the chat page shows it: a link, or data sent back as a callback query. */
export interface ChatButton {
  text: string;
  url?: string;
  callbackData?: string;
}

/** A file the bot sent; `id` names its bytes in the store (absent when they were not kept). */
export interface ChatAttachment {
  name: string;
  id?: string;
  size?: number;
}

/** What happened in a chat, in the terms a chat window needs. Bot text with `html` is Telegram HTML. */
export type ChatChange =
  | {
      kind: 'message';
      messageId: number;
      from: 'user' | 'bot';
      text: string;
      html: boolean;
      buttons: ChatButton[][];
      replyTo?: number;
      attachment?: ChatAttachment;
    }
  /** `text` absent: only the buttons changed. Telegram drops the buttons of an edit that sends none. */
  | { kind: 'edit'; messageId: number; text?: string; html?: boolean; buttons: ChatButton[][] }
  | { kind: 'delete'; messageIds: number[] }
  | { kind: 'typing' }
  /**
   * A short answer to a button press (answerCallbackQuery's text): Telegram shows it for a moment
   * over the chat, or, with `alert` (show_alert), in a box the user closes.
   */
  | { kind: 'notice'; text: string; alert: boolean; at: number };

export type ChatEvent = ChatChange & { seq: number };

/** Kept in memory at most; older events, messages and files are forgotten. */
const MAX_EVENTS = 2000;
const MAX_MESSAGES = 2000;
const MAX_FILES = 20;
/** Telegram's own limit for files a bot uploads. */
const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** Fields of the send methods that carry a file. */
const FILE_FIELDS = ['document', 'photo', 'audio', 'video', 'animation', 'voice', 'video_note', 'sticker'] as const;

/**
 * The conversations of a run without a bot token: what the bot sent (through the Bot API methods it
 * called) and what the local user wrote, as numbered events a chat page can follow. One per process:
 * `npm start` runs api and worker together, each with its own Bot API client, and both are given
 * this one (through `answerLocally`), so their calls land in the same conversation.
 */
export class LocalChat implements LocalBotApi {
  private readonly events: { chatId: number; event: ChatEvent }[] = [];
  private readonly messages = new Map<string, Message>();
  /** Messages deleted in this run (`chat:message`): Telegram refuses to edit or delete them again. */
  private readonly deleted = new Set<string>();
  private readonly files = new Map<string, { name: string; bytes: Uint8Array }>();
  private readonly waiters = new Set<() => void>();
  private lastSeq = 0;
  private lastCallbackQuery = 0;
  private lastFile = 0;
  /**
   * Message ids start at the clock (ms), not 1: a job requeued at the next start edits the status
   * message it recorded before, and that id must not name a message of this run.
   */
  private lastMessageId = Date.now();

  /** A message id for this process's chats, shared by the bot's messages and the local user's. */
  nextMessageId(): number {
    return ++this.lastMessageId;
  }

  /** A callback query id that says which chat its answer (answerCallbackQuery) belongs to. */
  newCallbackQueryId(chatId: number): string {
    return `${chatId}:${++this.lastCallbackQuery}`;
  }

  /** The message as last sent or edited, for building updates that refer to it (replies, button presses). */
  message(chatId: number, messageId: number): Message | undefined {
    return this.messages.get(`${chatId}:${messageId}`);
  }

  /** A file the bot uploaded (ChatAttachment.id), while it is kept. */
  file(id: string): { name: string; bytes: Uint8Array } | undefined {
    return this.files.get(id);
  }

  /** Records a message the local user wrote (the update carrying it is posted separately). */
  userSaid(message: Message): void {
    this.remember(message);
    this.record(message.chat.id, {
      kind: 'message',
      messageId: message.message_id,
      from: 'user',
      text: message.text ?? '',
      html: false,
      buttons: [],
      ...(message.reply_to_message ? { replyTo: message.reply_to_message.message_id } : {}),
    });
  }

  /** Events of one chat after `after` (a `last` from before), and the number to ask after next time. */
  eventsAfter(chatId: number, after: number): { events: ChatEvent[]; last: number } {
    return {
      events: this.events.filter((e) => e.chatId === chatId && e.event.seq > after).map((e) => e.event),
      last: this.lastSeq,
    };
  }

  /** Like eventsAfter, but when there is nothing new waits up to `timeoutMs` (or until `signal`) for something. */
  async waitForEvents(
    chatId: number,
    after: number,
    timeoutMs: number,
    signal: AbortSignal,
  ): Promise<{ events: ChatEvent[]; last: number }> {
    const now = this.eventsAfter(chatId, after);
    if (now.events.length > 0 || signal.aborted) return now;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal.addEventListener('abort', done);
      this.waiters.add(done);
    });
    return this.eventsAfter(chatId, after);
  }

  /** Answers one Bot API call as Telegram would, recording what the chat would show. */
  async answer(method: string, payload: Record<string, unknown>): Promise<unknown> {
    const chatId = Number(payload.chat_id);
    if (method === 'getMe') return LOCAL_BOT_INFO;
    if (method === 'sendChatAction') {
      this.record(chatId, { kind: 'typing' });
      return true;
    }
    if (method === 'answerCallbackQuery') {
      const answeredChat = Number(String(payload.callback_query_id).split(':')[0]);
      if (typeof payload.text === 'string' && payload.text)
        this.record(answeredChat, {
          kind: 'notice',
          text: payload.text,
          alert: payload.show_alert === true,
          at: Date.now(),
        });
      return true;
    }
    if (method === 'deleteMessage' || method === 'deleteMessages') return this.botDeleted(method, chatId, payload);
    if (method.startsWith('edit') && payload.message_id !== undefined) return this.botEdited(method, chatId, payload);
    if (method.startsWith('send') || method === 'copyMessage' || method === 'forwardMessage')
      return this.botSent(method, chatId, payload);
    if (method === 'getChat') return { id: chatId, type: 'private' };
    return true;
  }

  private async botSent(method: string, chatId: number, payload: Record<string, unknown>): Promise<Message> {
    const field = FILE_FIELDS.find((name) => payload[name] !== undefined);
    const file = field ? await this.keepFile(payload[field]) : undefined;
    const text =
      typeof payload.text === 'string' ? payload.text : typeof payload.caption === 'string' ? payload.caption : '';
    const message = {
      message_id: this.nextMessageId(),
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: 'private' },
      from: {
        id: LOCAL_BOT_INFO.id,
        is_bot: true,
        first_name: LOCAL_BOT_INFO.first_name,
        username: LOCAL_BOT_INFO.username,
      },
      ...(field ? { caption: text } : { text }),
      ...(field && file ? { [field]: fileObject(field, file) } : {}),
      ...(payload.reply_markup ? { reply_markup: payload.reply_markup } : {}),
    } as Message;
    this.remember(message);
    const replyTo = replyToOf(payload);
    this.record(chatId, {
      kind: 'message',
      messageId: message.message_id,
      from: 'bot',
      text: text || (field ? '' : `(${method})`),
      html: payload.parse_mode === 'HTML',
      buttons: buttonsOf(payload.reply_markup),
      ...(replyTo !== undefined ? { replyTo } : {}),
      ...(file ? { attachment: file } : {}),
    });
    return message;
  }

  /** As Telegram: deleteMessage of a message already gone is refused; deleteMessages skips those. */
  private botDeleted(method: string, chatId: number, payload: Record<string, unknown>): true {
    const requested = (method === 'deleteMessage' ? [payload.message_id] : (payload.message_ids as unknown[])).map(
      Number,
    );
    const messageIds = requested.filter((id) => !this.deleted.has(`${chatId}:${id}`));
    if (method === 'deleteMessage' && messageIds.length === 0)
      throw new LocalBotApiRefusal(400, 'Bad Request: message to delete not found');
    for (const id of messageIds) {
      this.messages.delete(`${chatId}:${id}`);
      this.deleted.add(`${chatId}:${id}`);
    }
    while (this.deleted.size > MAX_MESSAGES) this.deleted.delete(this.deleted.values().next().value!);
    if (messageIds.length > 0) this.record(chatId, { kind: 'delete', messageIds });
    return true;
  }

  private botEdited(method: string, chatId: number, payload: Record<string, unknown>): Message {
    const messageId = Number(payload.message_id);
    if (this.deleted.has(`${chatId}:${messageId}`))
      throw new LocalBotApiRefusal(400, 'Bad Request: message to edit not found');
    const before =
      this.message(chatId, messageId) ??
      ({
        message_id: messageId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: 'private' },
      } as Message);
    const field = method === 'editMessageText' ? 'text' : method === 'editMessageCaption' ? 'caption' : undefined;
    const text = field === undefined ? undefined : typeof payload[field] === 'string' ? payload[field] : '';
    const kept: Message & { reply_markup?: unknown } = { ...before };
    delete kept.reply_markup;
    const after = {
      ...kept,
      ...(text !== undefined ? ('caption' in before ? { caption: text } : { text }) : {}),
      ...(payload.reply_markup ? { reply_markup: payload.reply_markup } : {}),
      edit_date: Math.floor(Date.now() / 1000),
    } as Message;
    this.remember(after);
    this.record(chatId, {
      kind: 'edit',
      messageId,
      ...(text !== undefined ? { text, html: payload.parse_mode === 'HTML' } : {}),
      buttons: buttonsOf(payload.reply_markup),
    });
    return after;
  }

  /** Keeps the bytes of a file the bot uploads, for the chat page to offer as a download. */
  private async keepFile(value: unknown): Promise<ChatAttachment> {
    if (!(value instanceof InputFile)) return { name: 'file' }; // a file_id or URL: there are no bytes here
    const name = value.filename ?? 'file';
    const bytes = await readUpload(value).catch(() => undefined);
    if (!bytes) return { name };
    const id = String(++this.lastFile);
    this.files.set(id, { name, bytes });
    while (this.files.size > MAX_FILES) this.files.delete(this.files.keys().next().value!);
    return { name, id, size: bytes.byteLength };
  }

  private remember(message: Message): void {
    const key = `${message.chat.id}:${message.message_id}`;
    this.messages.delete(key);
    this.messages.set(key, message);
    while (this.messages.size > MAX_MESSAGES) this.messages.delete(this.messages.keys().next().value!);
  }

  /** Numbers the change and wakes the pages waiting for news. A chat given by @username is not a conversation here. */
  private record(chatId: number, change: ChatChange): void {
    if (!Number.isSafeInteger(chatId)) return;
    this.events.push({ chatId, event: { ...change, seq: ++this.lastSeq } });
    if (this.events.length > MAX_EVENTS) this.events.splice(0, this.events.length - MAX_EVENTS);
    for (const wake of [...this.waiters]) wake();
  }
}

function buttonsOf(markup: unknown): ChatButton[][] {
  const rows = (markup as Partial<InlineKeyboardMarkup> | undefined)?.inline_keyboard;
  if (!Array.isArray(rows)) return [];
  return rows.map((row) =>
    row.map((button) => ({
      text: button.text,
      ...('url' in button && button.url ? { url: button.url } : {}),
      ...('callback_data' in button && button.callback_data !== undefined
        ? { callbackData: button.callback_data }
        : {}),
    })),
  );
}

function replyToOf(payload: Record<string, unknown>): number | undefined {
  const parameters = payload.reply_parameters as { message_id?: number } | undefined;
  const id = parameters?.message_id ?? payload.reply_to_message_id;
  return id === undefined ? undefined : Number(id);
}

function fileObject(field: string, file: ChatAttachment) {
  const described = {
    file_id: file.id ?? 'local',
    file_unique_id: file.id ?? 'local',
    file_name: file.name,
    file_size: file.size,
  };
  return field === 'photo' ? [{ ...described, width: 0, height: 0 }] : described;
}

/**
 * The bytes of an upload, up to Telegram's size limit. A file given by URL is not fetched: local
 * mode makes no calls out. (grammY keeps the source private; it is read here only to tell a URL.)
 */
async function readUpload(file: InputFile): Promise<Uint8Array | undefined> {
  const source = (file as unknown as { fileData: unknown }).fileData;
  if (source instanceof URL || (typeof source === 'object' && source !== null && 'url' in source)) return undefined;
  const raw = await file.toRaw();
  if (raw instanceof Uint8Array) return raw.byteLength <= MAX_FILE_BYTES ? raw : undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of raw as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_FILE_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
