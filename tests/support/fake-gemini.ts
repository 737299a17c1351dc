import { siteAnswerFor, startFakeAiServer, type FakeAiServer, type FakeReply, type RecordedRequest } from './fake-ai-server.ts';

/**
 * A local stand-in for the Gemini API, speaking its wire format:
 * `POST /v1beta/models/<model>:generateContent`, key in the `x-goog-api-key` header.
 * AI_BASE_URL is the origin; the SDK adds `/v1beta/…` itself.
 * By default it answers with a JSON bundle about the user's prompt; tests script other replies.
 */
export interface FakeGemini extends FakeAiServer {
  /** What AI_BASE_URL would be: http://127.0.0.1:<port> */
  baseUrl: string;
}

const GENERATE_PATH = /^\/v1beta\/models\/([^/:]+):generateContent$/;

export async function startFakeGemini(): Promise<FakeGemini> {
  const server = await startFakeAiServer({
    route: (method, path) => method === 'POST' && GENERATE_PATH.test(path),
    respond: (request) => ({ body: geminiAnswer(siteAnswerFor(userPromptOf(request)), { modelVersion: modelOf(request) }) }),
  });
  return Object.assign(server, { baseUrl: server.origin });
}

/** A `GenerateContentResponse` as the API returns it. */
export function geminiAnswer(text: string | null, options: { finishReason?: string; modelVersion?: string } = {}): Record<string, unknown> {
  return {
    candidates: [
      {
        content: { parts: text === null ? [] : [{ text }], role: 'model' },
        finishReason: options.finishReason ?? 'STOP',
        index: 0,
      },
    ],
    usageMetadata: { promptTokenCount: 110, candidatesTokenCount: 520, totalTokenCount: 630 },
    modelVersion: options.modelVersion ?? 'gemini-2.5-flash',
    responseId: 'fake-response-1',
  };
}

/** An error reply in Google's shape: `{ error: { code, message, status } }`. */
export function geminiError(status: number, message: string, statusName: string): FakeReply {
  return { status, body: { error: { code: status, message, status: statusName } } };
}

export function userPromptOf(request: RecordedRequest): string {
  const body = request.body as { contents?: { parts?: { text?: string }[] }[] };
  return body.contents?.flatMap((c) => c.parts ?? []).map((p) => p.text ?? '').join('') ?? '';
}

export function modelOf(request: RecordedRequest): string | undefined {
  return GENERATE_PATH.exec(request.path)?.[1];
}
