import {
  siteAnswerFor,
  splitText,
  startFakeAiServer,
  type FakeAiServer,
  type FakeReply,
  type RecordedRequest,
} from './fake-ai-server.ts';

/**
 * A local stand-in for the Gemini API, speaking its wire format:
 * `POST /v1beta/models/<model>:generateContent` (one JSON answer) and
 * `POST /v1beta/models/<model>:streamGenerateContent?alt=sse` (server-sent events, one
 * `GenerateContentResponse` per event, finishReason and usage on the last), key in the
 * `x-goog-api-key` header. The base URL is the origin; the SDK adds `/v1beta/…` itself.
 * Tests script one `GenerateContentResponse`; a streaming request gets it cut into chunks.
 * By default it answers with a JSON bundle about the user's prompt.
 */
export interface FakeGemini extends FakeAiServer {
  /** What GEMINI_BASE_URL / AI_BASE_URL would be: http://127.0.0.1:<port> */
  baseUrl: string;
}

const GENERATE_PATH = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent)(?:\?(.*))?$/;

export async function startFakeGemini(): Promise<FakeGemini> {
  const server = await startFakeAiServer({
    route: (method, path) => method === 'POST' && GENERATE_PATH.test(path),
    respond: (request) => ({
      body: geminiAnswer(siteAnswerFor(userPromptOf(request)), { modelVersion: modelOf(request) }),
    }),
    stream: (request, reply) =>
      streams(request) && isAnswer(reply)
        ? { ...reply, events: answerEvents(reply.body as Answer, reply.chunkChars) }
        : reply,
  });
  return Object.assign(server, { baseUrl: server.origin });
}

interface Answer {
  candidates?: { content?: { parts?: { text?: string }[]; role?: string }; finishReason?: string; index?: number }[];
  promptFeedback?: unknown;
  usageMetadata?: unknown;
  modelVersion?: string;
  responseId?: string;
}

/** A `GenerateContentResponse` as the API returns it. */
export function geminiAnswer(
  text: string | null,
  options: {
    finishReason?: string;
    modelVersion?: string;
    usage?: { promptTokenCount: number; candidatesTokenCount: number; thoughtsTokenCount?: number };
  } = {},
): Record<string, unknown> {
  const usage = options.usage ?? { promptTokenCount: 110, candidatesTokenCount: 520 };
  return {
    candidates: [
      {
        content: { parts: text === null ? [] : [{ text }], role: 'model' },
        finishReason: options.finishReason ?? 'STOP',
        index: 0,
      },
    ],
    usageMetadata: {
      ...usage,
      totalTokenCount: usage.promptTokenCount + usage.candidatesTokenCount + (usage.thoughtsTokenCount ?? 0),
    },
    modelVersion: options.modelVersion ?? 'gemini-2.5-flash',
    responseId: 'fake-response-1',
  };
}

/** An error reply in Google's shape: `{ error: { code, message, status, details? } }`. */
export function geminiError(status: number, message: string, statusName: string, details?: unknown[]): FakeReply {
  return { status, body: { error: { code: status, message, status: statusName, ...(details && { details }) } } };
}

/** A 429 the way Gemini sends it: the wait is a google.rpc.RetryInfo in the body, not a header. */
export function geminiRateLimit(retryDelaySeconds: number): FakeReply {
  return geminiError(
    429,
    'You exceeded your current quota, please check your plan and billing details.',
    'RESOURCE_EXHAUSTED',
    [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryDelaySeconds}s` }],
  );
}

/** The answer as streamGenerateContent sends it: text in pieces, finishReason and full usage on the last. */
function answerEvents(answer: Answer, chunkChars = 400): string[] {
  const candidate = answer.candidates?.[0];
  if (!candidate) return [JSON.stringify(answer)];
  const text = (candidate.content?.parts ?? []).map((p) => p.text ?? '').join('');
  const pieces = splitText(text, chunkChars);
  return pieces.map((piece, i) => {
    const last = i === pieces.length - 1;
    return JSON.stringify({
      candidates: [
        {
          content: { parts: piece ? [{ text: piece }] : [], role: 'model' },
          ...(last && { finishReason: candidate.finishReason }),
          index: 0,
        },
      ],
      ...(last && answer.usageMetadata ? { usageMetadata: answer.usageMetadata } : {}),
      modelVersion: answer.modelVersion,
      responseId: answer.responseId,
    });
  });
}

function streams(request: RecordedRequest): boolean {
  return GENERATE_PATH.exec(request.path)?.[2] === 'streamGenerateContent';
}

function isAnswer(reply: FakeReply): boolean {
  const body = reply.body as Answer | undefined;
  return (
    (reply.status ?? 200) === 200 &&
    !reply.events &&
    typeof body === 'object' &&
    body !== null &&
    ('candidates' in body || 'promptFeedback' in body)
  );
}

export function userPromptOf(request: RecordedRequest): string {
  const body = request.body as { contents?: { parts?: { text?: string }[] }[] };
  return (
    body.contents
      ?.flatMap((c) => c.parts ?? [])
      .map((p) => p.text ?? '')
      .join('') ?? ''
  );
}

export function modelOf(request: RecordedRequest): string | undefined {
  return GENERATE_PATH.exec(request.path)?.[1];
}
