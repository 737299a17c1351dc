import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The scriptable HTTP server behind fake-openai.ts and fake-gemini.ts: listens on 127.0.0.1 port 0,
 * records every request, answers from a queue of scripted replies (then a default), can delay,
 * streams server-sent events chunk by chunk (with pauses, or stalling halfway), and notices when a
 * client hangs up before the answer is complete (what an aborted SDK call looks like on the wire).
 */

export interface FakeReply {
  status?: number;
  /** Objects are sent as JSON, strings as text/plain. A vendor fake streams it when the request asks to. */
  body?: unknown;
  /** Milliseconds before the response starts. */
  delayMs?: number;
  headers?: Record<string, string>;
  /** Server-sent events: each is written as `data: <event>\n\n`, as its own chunk. Vendor fakes fill this from `body`. */
  events?: string[];
  /** Streaming: milliseconds between two events. */
  chunkDelayMs?: number;
  /** Streaming: characters of answer text per event (vendor fakes; default 400). */
  chunkChars?: number;
  /** Streaming: after this many events, stop writing but keep the connection open, like a stalled upstream. */
  stallAfterEvents?: number;
  /** Answer a streaming request with the plain JSON `body` anyway, as some compatible servers do. */
  ignoreStream?: boolean;
}

export interface RecordedRequest {
  method: string;
  /** Path and query string. */
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON when the body was JSON, else the raw text. */
  body: unknown;
  /** Server-sent events written before the response ended or the client hung up. */
  eventsSent: number;
}

export type Responder = (request: RecordedRequest) => FakeReply;

export interface FakeAiServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  requests: RecordedRequest[];
  /** Requests whose connection closed before the fake finished answering. */
  abandoned: RecordedRequest[];
  /** The next requests get these replies in turn; afterwards the default responder answers. */
  enqueue(...replies: FakeReply[]): void;
  close(): Promise<void>;
}

export async function startFakeAiServer(options: {
  /** Which method + path this vendor serves; anything else gets a 404. */
  route: (method: string, path: string) => boolean;
  respond: Responder;
  /** The vendor's streaming wire format: turns a reply into `events` when the request asked for a stream. */
  stream?: (request: RecordedRequest, reply: FakeReply) => FakeReply;
}): Promise<FakeAiServer> {
  const requests: RecordedRequest[] = [];
  const abandoned: RecordedRequest[] = [];
  const queue: FakeReply[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body: undefined,
      eventsSent: 0,
    };
    // eslint-disable-next-line prefer-const -- set once the body is read; the close handler may run before that
    let timer: NodeJS.Timeout | undefined;
    res.on('close', () => {
      clearTimeout(timer);
      if (!res.writableFinished) abandoned.push(recorded);
    });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    recorded.body = parseBody(Buffer.concat(chunks).toString('utf8'));
    requests.push(recorded);

    const scripted = options.route(recorded.method, recorded.path)
      ? (queue.shift() ?? options.respond(recorded))
      : { status: 404, body: { error: { message: `no route for ${recorded.method} ${recorded.path}` } } };
    const reply = options.stream && !scripted.ignoreStream ? options.stream(recorded, scripted) : scripted;
    timer = setTimeout(
      () => (reply.events ? void sendEvents(res, reply, recorded) : send(res, reply)),
      reply.delayMs ?? 0,
    );
  };
  const server = createServer((req, res) => void handle(req, res));
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

/** Chunked `text/event-stream`, one event per write, `chunkDelayMs` apart. */
async function sendEvents(res: ServerResponse, reply: FakeReply, recorded: RecordedRequest): Promise<void> {
  if (res.destroyed) return;
  res.writeHead(reply.status ?? 200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    ...reply.headers,
  });
  res.flushHeaders();
  for (const event of reply.events ?? []) {
    if (res.destroyed) return;
    if (reply.stallAfterEvents !== undefined && recorded.eventsSent >= reply.stallAfterEvents) return;
    res.write(`data: ${event}\n\n`);
    recorded.eventsSent += 1;
    if (reply.chunkDelayMs) await new Promise((resolve) => setTimeout(resolve, reply.chunkDelayMs));
  }
  if (!res.destroyed) res.end();
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `text` in pieces of `size` characters (at least one piece, even for an empty text). */
export function splitText(text: string, size = 400): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces.length > 0 ? pieces : [''];
}

/**
 * What the fakes answer by default: a small, valid JSON bundle about whatever the prompt says, so
 * the contract test can check that a title relates to its prompt through every adapter. It has two
 * sections, so streaming progress has headings to report.
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
        content: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escaped}</title><style>body{font-family:system-ui}</style></head><body><main><h1>${escaped}</h1><section id="about"><h2>About us</h2><p>Welcome.</p></section><section id="visit"><h2>Visit</h2><p>Open every day.</p></section></main></body></html>`,
      },
    ],
  });
}
