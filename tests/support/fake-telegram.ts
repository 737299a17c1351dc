import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BotApiCall {
  token: string;
  method: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Bot API method's parameters, read by the tests that sent them
  payload: Record<string, any>;
  /** When the call arrived (ms since the epoch). */
  at: number;
  /** The HTTP status the fake answered with. */
  status?: number;
}

/** A message as the user sees it now: edits applied, deleted ones gone. */
export interface ChatMessage {
  messageId: number;
  text: string;
  /** Inline keyboard rows: callback buttons carry `data`, URL buttons `url`. */
  buttons: { text: string; data?: string; url?: string }[][];
  /** A sent document (sendDocument): its file name and bytes. */
  document?: { name: string; bytes: Buffer };
  /** A sent photo (sendPhoto, or one of a sendMediaGroup album): its bytes as uploaded. */
  photo?: Buffer;
  /** The message this one answers (reply_parameters). */
  replyTo?: number;
}

/** A member's standing in a chat, as getChatMember reports it. */
export type ChatMemberStatus = 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';

/** A scripted answer for the next call of a method, e.g. a 429 with retry_after. */
export interface ScriptedReply {
  status: number;
  body: Record<string, unknown>;
}

export interface FakeTelegramOptions {
  /**
   * Answer 429 with retry_after, as Telegram does, to messages beyond about one a second per chat
   * or thirty a second overall.
   */
  enforceLimits?: boolean;
}

/**
 * A local stand-in for the Telegram Bot API (what TELEGRAM_API_ROOT points at). It answers like the
 * real one for the methods the bot uses and records every call, so tests assert what a user saw.
 */
export async function startFakeTelegram(options: FakeTelegramOptions = {}) {
  const calls: BotApiCall[] = [];
  let nextMessageId = 100;
  let rateLimited = 0;
  const scripted = new Map<string, ScriptedReply[]>();
  const limits = createLimits();
  /** Per chat, every message the bot sent there, by id, as it looks now (null: deleted). */
  const chats = new Map<number, Map<number, ChatMessage | null>>();
  const chatOf = (chatId: number) => chats.get(chatId) ?? chats.set(chatId, new Map()).get(chatId)!;
  /** Updates for getUpdates (long polling), oldest first, until a call's offset confirms them. */
  const pendingUpdates: { update_id: number }[] = [];
  const updateArrived = new Set<() => void>();
  /** getChatMember's answers, by `chat:user`; anyone not listed is a plain member. */
  const memberStatuses = new Map<string, ChatMemberStatus>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.url ?? '');
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    const [, token, method] = match as unknown as [string, string, string];
    const payload = await readPayload(req);
    const call: BotApiCall = { token, method, payload, at: Date.now() };
    calls.push(call);
    const reply = (status: number, body: unknown) => {
      call.status = status;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    const next = scripted.get(method)?.shift();
    if (next) return reply(next.status, next.body);
    const retryAfter =
      options.enforceLimits && /^(send|edit|copy|forward)/.test(method) && method !== 'sendChatAction'
        ? limits.take(String(payload.chat_id), call.at)
        : 0;
    if (retryAfter > 0) {
      rateLimited += 1;
      return reply(429, {
        ok: false,
        error_code: 429,
        description: `Too Many Requests: retry after ${retryAfter}`,
        parameters: { retry_after: retryAfter },
      });
    }
    const chat = { id: Number(payload.chat_id), type: 'private' };
    const date = Math.floor(Date.now() / 1000);
    switch (method) {
      case 'getMe':
        return reply(200, { ok: true, result: { id: 42, is_bot: true, first_name: 'Test Bot', username: 'test_bot' } });
      case 'sendMessage':
      case 'sendDocument': {
        const messageId = nextMessageId++;
        // grammY uploads the file as its own part and names it in the field: `attach://<part>`.
        const file =
          typeof payload.document === 'string'
            ? payload[payload.document.replace(/^attach:\/\//, '')]
            : payload.document;
        const document =
          file instanceof File ? { name: file.name, bytes: Buffer.from(await file.arrayBuffer()) } : undefined;
        const text = String(payload.text ?? payload.caption ?? '');
        chatOf(chat.id).set(messageId, {
          messageId,
          text,
          buttons: buttonsOf(payload.reply_markup),
          document,
          replyTo: payload.reply_parameters?.message_id,
        });
        return reply(200, { ok: true, result: { message_id: messageId, date, chat, text: payload.text } });
      }
      case 'sendPhoto': {
        const messageId = nextMessageId++;
        const photo = await uploaded(payload, payload.photo);
        chatOf(chat.id).set(messageId, {
          messageId,
          text: String(payload.caption ?? ''),
          buttons: buttonsOf(payload.reply_markup),
          photo,
          replyTo: replyToOf(payload),
        });
        return reply(200, {
          ok: true,
          result: { message_id: messageId, date, chat, caption: String(payload.caption) },
        });
      }
      case 'sendMediaGroup': {
        // An album: one message per photo, the caption (if any) on its own item; no buttons possible.
        const media = (payload.media ?? []) as { type: string; media: string; caption?: string }[];
        const sent = [];
        for (const item of media) {
          const messageId = nextMessageId++;
          chatOf(chat.id).set(messageId, {
            messageId,
            text: String(item.caption ?? ''),
            buttons: [],
            photo: await uploaded(payload, item.media),
            replyTo: replyToOf(payload),
          });
          sent.push({ message_id: messageId, date, chat, caption: item.caption });
        }
        return reply(200, { ok: true, result: sent });
      }
      case 'editMessageText': {
        const shown = chatOf(chat.id).get(Number(payload.message_id));
        if (shown)
          chatOf(chat.id).set(shown.messageId, {
            ...shown,
            text: String(payload.text),
            buttons: buttonsOf(payload.reply_markup),
          });
        return reply(200, { ok: true, result: { message_id: payload.message_id, date, chat, text: payload.text } });
      }
      case 'editMessageReplyMarkup': {
        const shown = chatOf(chat.id).get(Number(payload.message_id));
        if (shown) chatOf(chat.id).set(shown.messageId, { ...shown, buttons: buttonsOf(payload.reply_markup) });
        return reply(200, { ok: true, result: { message_id: payload.message_id, date, chat, text: shown?.text } });
      }
      case 'getUpdates': {
        const offset = Number(payload.offset ?? 0);
        while (pendingUpdates.length > 0 && pendingUpdates[0]!.update_id < offset) pendingUpdates.shift();
        // Long polling: with nothing to deliver, hold the call for up to `timeout` seconds.
        if (pendingUpdates.length === 0 && Number(payload.timeout ?? 0) > 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(done, Number(payload.timeout) * 1000);
            function done() {
              clearTimeout(timer);
              updateArrived.delete(done);
              resolve();
            }
            updateArrived.add(done);
            res.once('close', done);
          });
        }
        return reply(200, { ok: true, result: pendingUpdates.slice(0, Number(payload.limit ?? 100)) });
      }
      case 'getChatMember': {
        const status = memberStatuses.get(`${Number(payload.chat_id)}:${Number(payload.user_id)}`) ?? 'member';
        const user = { id: Number(payload.user_id), is_bot: false, first_name: 'Member' };
        return reply(200, {
          ok: true,
          result: { status, user, ...(status === 'creator' ? { is_anonymous: false } : {}) },
        });
      }
      case 'deleteMessage':
        if (chatOf(chat.id).has(Number(payload.message_id))) chatOf(chat.id).set(Number(payload.message_id), null);
        return reply(200, { ok: true, result: true });
      default:
        return reply(200, { ok: true, result: true });
    }
  };
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    /** The next calls of `method` get these answers, in order; then the normal answer again. */
    script(method: string, ...replies: ScriptedReply[]) {
      scripted.set(method, [...(scripted.get(method) ?? []), ...replies]);
    },
    /** What getChatMember answers for `userId` in `chatId` from now on (default `member`). */
    setMemberStatus(chatId: number, userId: number, status: ChatMemberStatus) {
      memberStatuses.set(`${chatId}:${userId}`, status);
    },
    /** How many calls were refused with 429. */
    get rateLimited() {
      return rateLimited;
    },
    /** What the user of `chatId` sees now, oldest first: every message sent, edits applied, deleted ones left out. */
    chat(chatId: number): ChatMessage[] {
      return [...chatOf(chatId).values()].filter((m): m is ChatMessage => m !== null);
    },
    /** Offers `update` to the bot's next getUpdates call (long polling), as Telegram would. */
    queueUpdate(update: { update_id: number }) {
      pendingUpdates.push(update);
      for (const wake of [...updateArrived]) wake();
    },
    /** Messages delivered to one chat, in order. */
    messagesTo(chatId: number): string[] {
      return calls
        .filter((c) => c.method === 'sendMessage' && c.status === 200 && Number(c.payload.chat_id) === chatId)
        .map((c) => String(c.payload.text));
    },
    async waitFor<T>(find: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = find();
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(
            `timed out; Bot API calls so far: ${JSON.stringify(calls.map((c) => [c.method, c.payload.text]))}`,
          );
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () => {
      for (const wake of [...updateArrived]) wake();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Telegram's limits with a little tolerance for timer jitter: per chat, messages at least 950 ms
 * apart; overall, at most 30 in any sliding second. Returns seconds to wait, or 0 when allowed.
 */
function createLimits() {
  const lastPerChat = new Map<string, number>();
  const recent: number[] = [];
  return {
    take(chatId: string, now: number): number {
      while (recent.length > 0 && recent[0]! <= now - 1000) recent.shift();
      const last = lastPerChat.get(chatId);
      if ((last !== undefined && now - last < 950) || recent.length >= 30) return 1;
      lastPerChat.set(chatId, now);
      recent.push(now);
      return 0;
    },
  };
}

/**
 * A Bot API call's parameters: JSON, or multipart/form-data when a file is uploaded (then objects
 * such as reply_markup arrive as JSON strings, and the file as a File).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see BotApiCall.payload
async function readPayload(req: IncomingMessage): Promise<Record<string, any>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const contentType = req.headers['content-type'] ?? '';
  if (!contentType.startsWith('multipart/form-data')) return body.length > 0 ? JSON.parse(body.toString('utf8')) : {};
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see BotApiCall.payload
  const payload: Record<string, any> = {};
  for (const part of multipartParts(body, /boundary=("?)([^";]+)\1/.exec(contentType)?.[2] ?? '')) {
    payload[part.name] =
      part.filename !== undefined
        ? new File([new Uint8Array(part.content)], part.filename)
        : parseField(part.content.toString('utf8'));
  }
  return payload;
}

/** The parts of a multipart/form-data body: name, file name (for files) and raw content. */
function multipartParts(body: Buffer, boundary: string): { name: string; filename?: string; content: Buffer }[] {
  const parts: { name: string; filename?: string; content: Buffer }[] = [];
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = body.subarray(start + delimiter.length + 2, next - 2); // CRLF after the delimiter, CRLF before the next
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    // Quotes are optional (grammY leaves them off the file name).
    const name = /;\s*name="?([^";\r\n]*)"?/.exec(headers)?.[1];
    const filename = /;\s*filename="?([^";\r\n]*)"?/.exec(headers)?.[1];
    if (name !== undefined) parts.push({ name, filename, content: part.subarray(headerEnd + 4) });
    start = next;
  }
  return parts;
}

/** An uploaded file's bytes: grammY sends it as its own part and names it in the field, `attach://<part>`. */
async function uploaded(payload: Record<string, unknown>, field: unknown): Promise<Buffer | undefined> {
  const file = typeof field === 'string' ? payload[field.replace(/^attach:\/\//, '')] : field;
  return file instanceof File ? Buffer.from(await file.arrayBuffer()) : undefined;
}

/** The message a sent one answers (reply_parameters), if any. */
function replyToOf(payload: Record<string, unknown>): number | undefined {
  return (payload.reply_parameters as { message_id?: number } | undefined)?.message_id;
}

function parseField(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function buttonsOf(markup: unknown): ChatMessage['buttons'] {
  const rows =
    (markup as { inline_keyboard?: { text: string; callback_data?: string; url?: string }[][] } | undefined)
      ?.inline_keyboard ?? [];
  return rows.map((row) =>
    row.map((b) => ({
      text: b.text,
      ...(b.callback_data !== undefined ? { data: b.callback_data } : {}),
      ...(b.url !== undefined ? { url: b.url } : {}),
    })),
  );
}
