import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The scriptable HTTP server behind fake-openai.ts and fake-gemini.ts: listens on 127.0.0.1 port 0,
 * records every request, answers from a queue of scripted replies (then a default), can delay, and
 * notices when a client hangs up before the answer (what an aborted SDK call looks like on the wire).
 */

export interface FakeReply {
  status?: number;
  /** Objects are sent as JSON, strings as text/plain. */
  body?: unknown;
  delayMs?: number;
  headers?: Record<string, string>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON when the body was JSON, else the raw text. */
  body: unknown;
}

export type Responder = (request: RecordedRequest) => FakeReply;

export interface FakeAiServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  requests: RecordedRequest[];
  /** Requests whose connection closed before the fake answered. */
  abandoned: RecordedRequest[];
  /** The next requests get these replies in turn; afterwards the default responder answers. */
  enqueue(...replies: FakeReply[]): void;
  close(): Promise<void>;
}

export async function startFakeAiServer(options: {
  /** Which method + path this vendor serves; anything else gets a 404. */
  route: (method: string, path: string) => boolean;
  respond: Responder;
}): Promise<FakeAiServer> {
  const requests: RecordedRequest[] = [];
  const abandoned: RecordedRequest[] = [];
  const queue: FakeReply[] = [];

  const server = createServer(async (req, res) => {
    const recorded: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: undefined };
    let timer: NodeJS.Timeout | undefined;
    res.on('close', () => {
      clearTimeout(timer);
      if (!res.writableFinished) abandoned.push(recorded);
    });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    recorded.body = parseBody(Buffer.concat(chunks).toString('utf8'));
    requests.push(recorded);

    const reply = options.route(recorded.method, recorded.path)
      ? (queue.shift() ?? options.respond(recorded))
      : { status: 404, body: { error: { message: `no route for ${recorded.method} ${recorded.path}` } } };
    timer = setTimeout(() => send(res, reply), reply.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    abandoned,
    enqueue: (...replies) => void queue.push(...replies),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, reply: FakeReply): void {
  if (res.destroyed) return;
  const isText = typeof reply.body === 'string';
  const payload = reply.body === undefined ? '' : isText ? (reply.body as string) : JSON.stringify(reply.body);
  res.writeHead(reply.status ?? 200, {
    'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
    ...reply.headers,
  });
  res.end(payload);
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * What the fakes answer by default: a small, valid JSON bundle about whatever the prompt says, so
 * the contract test can check that a title relates to its prompt through every adapter.
 */
export function siteAnswerFor(prompt: string): string {
  const subject = prompt.replace(/\s+/g, ' ').trim().slice(0, 80) || 'Your site';
  const escaped = subject.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return JSON.stringify({
    title: subject,
    summary: `A page about ${subject}.`,
    files: [
      {
        path: 'index.html',
        content: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escaped}</title><style>body{font-family:system-ui}</style></head><body><main><h1>${escaped}</h1><p>Welcome.</p></main></body></html>`,
      },
    ],
  });
}
