import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BotApiCall {
  token: string;
  method: string;
  payload: Record<string, any>;
  /** When the call arrived (ms since the epoch). */
  at: number;
}

/** A scripted answer for the next call of a method, e.g. a 429 with retry_after. */
export interface ScriptedReply {
  status: number;
  body: Record<string, unknown>;
}

/**
 * A local stand-in for the Telegram Bot API (what TELEGRAM_API_ROOT points at). It answers like the
 * real one for the methods the bot uses and records every call, so tests assert what a user saw.
 */
export async function startFakeTelegram(options: { failMethods?: Record<string, number> } = {}) {
  const calls: BotApiCall[] = [];
  let nextMessageId = 100;
  const failures = { ...options.failMethods };
  const scripted = new Map<string, ScriptedReply[]>();

  const server = createServer(async (req, res) => {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.url ?? '');
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    const [, token, method] = match as unknown as [string, string, string];
    const payload = await readJson(req);
    calls.push({ token, method, payload, at: Date.now() });
    const reply = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const next = scripted.get(method)?.shift();
    if (next) return reply(next.status, next.body);
    if ((failures[method] ?? 0) > 0) {
      failures[method]! -= 1;
      return reply(500, { ok: false, error_code: 500, description: 'Internal Server Error' });
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
    /** Messages sent to one chat, in order. */
    messagesTo(chatId: number): string[] {
      return calls.filter((c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === chatId).map((c) => String(c.payload.text));
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

async function readJson(req: IncomingMessage): Promise<Record<string, any>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}
