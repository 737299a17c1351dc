import {
  siteAnswerFor,
  splitText,
  startFakeAiServer,
  type FakeAiServer,
  type FakeReply,
  type RecordedRequest,
} from './fake-ai-server.ts';

/**
 * A local stand-in for the OpenAI Chat Completions API, speaking its wire format:
 * `POST /v1/chat/completions`, `Authorization: Bearer <key>`. Point the base URL at `baseUrl`.
 * A request with `"stream": true` gets server-sent events — `data: {chat.completion.chunk}` lines,
 * a usage chunk when `stream_options.include_usage` asks for it, then `data: [DONE]` — built from
 * the same `chat.completion` a non-streaming request would get, so tests script one answer for both.
 * By default it answers with a JSON bundle about the user's prompt; tests script other replies.
 */
export interface FakeOpenAi extends FakeAiServer {
  /** What OPENAI_BASE_URL / AI_BASE_URL would be: http://127.0.0.1:<port>/v1 */
  baseUrl: string;
}

/** `latencyMs`: every default answer starts this late, like a model thinking (the pipeline benchmark). */
export async function startFakeOpenAi(options: { latencyMs?: number } = {}): Promise<FakeOpenAi> {
  const server = await startFakeAiServer({
    route: (method, path) => method === 'POST' && path === '/v1/chat/completions',
    respond: (request) => ({
      delayMs: options.latencyMs,
      body: chatCompletion(siteAnswerFor(userPromptOf(request)), { model: modelOf(request) }),
    }),
    stream: (request, reply) =>
      streams(request) && isCompletion(reply)
        ? { ...reply, events: completionEvents(reply.body as Completion, request, reply.chunkChars) }
        : reply,
  });
  return Object.assign(server, { baseUrl: `${server.origin}/v1` });
}

interface Completion {
  id: string;
  created: number;
  model: string;
  choices?: { message?: { content?: string | null; refusal?: string | null }; finish_reason?: string }[];
  usage?: unknown;
}

/** A `chat.completion` object as the API returns it. */
export function chatCompletion(
  content: string | null,
  options: {
    model?: string;
    finishReason?: string;
    refusal?: string | null;
    usage?: { prompt_tokens: number; completion_tokens: number };
  } = {},
): Record<string, unknown> {
  const usage = options.usage ?? { prompt_tokens: 120, completion_tokens: 480 };
  return {
    id: 'chatcmpl-fake123',
    object: 'chat.completion',
    created: 1_763_800_000,
    model: options.model ?? 'gpt-4o-mini-2024-07-18',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: options.refusal ?? null, annotations: [] },
        logprobs: null,
        finish_reason: options.finishReason ?? 'stop',
      },
    ],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    system_fingerprint: 'fp_fake',
  };
}

/** An error reply in OpenAI's shape: `{ error: { message, type, param, code } }`. */
export function openAiError(
  status: number,
  message: string,
  type = 'invalid_request_error',
  code: string | null = null,
): FakeReply {
  return { status, body: { error: { message, type, param: null, code } } };
}

/** A 429 the way OpenAI sends it, with its retry-after header (seconds). */
export function openAiRateLimit(retryAfterSeconds: number): FakeReply {
  return {
    ...openAiError(
      429,
      'Rate limit reached for gpt-4o-mini on requests per min (RPM).',
      'requests',
      'rate_limit_exceeded',
    ),
    headers: { 'retry-after': String(retryAfterSeconds) },
  };
}

/**
 * The chunks OpenAI streams for `completion`: the role, the content (or refusal) in pieces, the
 * finish_reason, then usage (only with `stream_options.include_usage`), then `[DONE]`.
 */
function completionEvents(completion: Completion, request: RecordedRequest, chunkChars = 400): string[] {
  const choice = completion.choices?.[0];
  const chunk = (
    delta: Record<string, unknown>,
    finishReason: string | null = null,
    extra: Record<string, unknown> = {},
  ) =>
    JSON.stringify({
      id: completion.id,
      object: 'chat.completion.chunk',
      created: completion.created,
      model: completion.model,
      system_fingerprint: 'fp_fake',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...extra,
    });
  const events = [chunk({ role: 'assistant', content: '', refusal: null })];
  if (choice?.message?.refusal) events.push(chunk({ refusal: choice.message.refusal }));
  else
    for (const piece of splitText(choice?.message?.content ?? '', chunkChars)) events.push(chunk({ content: piece }));
  events.push(chunk({}, choice?.finish_reason ?? 'stop'));
  const includeUsage = (request.body as { stream_options?: { include_usage?: boolean } }).stream_options?.include_usage;
  if (includeUsage && completion.usage) {
    events.push(
      JSON.stringify({
        id: completion.id,
        object: 'chat.completion.chunk',
        created: completion.created,
        model: completion.model,
        choices: [],
        usage: completion.usage,
      }),
    );
  }
  events.push('[DONE]');
  return events;
}

function streams(request: RecordedRequest): boolean {
  return (request.body as { stream?: unknown }).stream === true;
}

function isCompletion(reply: FakeReply): boolean {
  return (
    (reply.status ?? 200) === 200 &&
    !reply.events &&
    (reply.body as { object?: unknown } | undefined)?.object === 'chat.completion'
  );
}

export function userPromptOf(request: RecordedRequest): string {
  const messages = (request.body as { messages?: { role: string; content: string }[] }).messages ?? [];
  return messages.find((m) => m.role === 'user')?.content ?? '';
}

export function modelOf(request: RecordedRequest): string | undefined {
  return (request.body as { model?: string }).model;
}
