import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BotApiCall {
  token: string;
  method: string;
  payload: Record<string, any>;
  /** When the call arrived (ms since the epoch). */
  at: number;
  /** The HTTP status the fake answered with. */
  status?: number;
}

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

  const server = createServer(async (req, res) => {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.url ?? '');
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    const [, token, method] = match as unknown as [string, string, string];
    const payload = await readJson(req);
    const call: BotApiCall = { token, method, payload, at: Date.now() };
    calls.push(call);
    const reply = (status: number, body: unknown) => {
      call.status = status;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    const next = scripted.get(method)?.shift();
    if (next) return reply(next.status, next.body);
    const retryAfter = options.enforceLimits && /^(send|edit|copy|forward)/.test(method) && method !== 'sendChatAction' ? limits.take(String(payload.chat_id), call.at) : 0;
    if (retryAfter > 0) {
      rateLimited += 1;
      return reply(429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } });
    }
    const chat = { id: Number(payload.chat_id), type: 'private' };
    const date = Math.floor(Date.now() / 1000);
    switch (method) {
      case 'getMe':
        return reply(200, { ok: true, result: { id: 42, is_bot: true, first_name: 'Test Bot', username: 'test_bot' } });
      case 'sendMessage':
        return reply(200, { ok: true, result: { message_id: nextMessageId++, date, chat, text: payload.text } });
      case 'editMessageText':
        return reply(200, { ok: true, result: { message_id: payload.message_id, date, chat, text: payload.text } });
      default:
        return reply(200, { ok: true, result: true });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    /** The next calls of `method` get these answers, in order; then the normal answer again. */
    script(method: string, ...replies: ScriptedReply[]) {
      scripted.set(method, [...(scripted.get(method) ?? []), ...replies]);
    },
    /** How many calls were refused with 429. */
    get rateLimited() {
      return rateLimited;
    },
    /** Messages delivered to one chat, in order. */
    messagesTo(chatId: number): string[] {
      return calls.filter((c) => c.method === 'sendMessage' && c.status === 200 && Number(c.payload.chat_id) === chatId).map((c) => String(c.payload.text));
    },
    async waitFor<T>(find: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = find();
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`timed out; Bot API calls so far: ${JSON.stringify(calls.map((c) => [c.method, c.payload.text]))}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
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

async function readJson(req: IncomingMessage): Promise<Record<string, any>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}
