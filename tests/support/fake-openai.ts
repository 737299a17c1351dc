import { siteAnswerFor, startFakeAiServer, type FakeAiServer, type FakeReply, type RecordedRequest } from './fake-ai-server.ts';

/**
 * A local stand-in for the OpenAI Chat Completions API, speaking its wire format:
 * `POST /v1/chat/completions`, `Authorization: Bearer <key>`. Point AI_BASE_URL at `baseUrl`.
 * By default it answers with a JSON bundle about the user's prompt; tests script other replies.
 */
export interface FakeOpenAi extends FakeAiServer {
  /** What AI_BASE_URL would be: http://127.0.0.1:<port>/v1 */
  baseUrl: string;
}

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const server = await startFakeAiServer({
    route: (method, path) => method === 'POST' && path === '/v1/chat/completions',
    respond: (request) => ({ body: chatCompletion(siteAnswerFor(userPromptOf(request)), { model: modelOf(request) }) }),
  });
  return Object.assign(server, { baseUrl: `${server.origin}/v1` });
}

/** A `chat.completion` object as the API returns it. */
export function chatCompletion(
  content: string | null,
  options: { model?: string; finishReason?: string; refusal?: string | null } = {},
): Record<string, unknown> {
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
    usage: { prompt_tokens: 120, completion_tokens: 480, total_tokens: 600 },
    system_fingerprint: 'fp_fake',
  };
}

/** An error reply in OpenAI's shape: `{ error: { message, type, param, code } }`. */
export function openAiError(status: number, message: string, type = 'invalid_request_error', code: string | null = null): FakeReply {
  return { status, body: { error: { message, type, param: null, code } } };
}

export function userPromptOf(request: RecordedRequest): string {
  const messages = (request.body as { messages?: { role: string; content: string }[] }).messages ?? [];
  return messages.find((m) => m.role === 'user')?.content ?? '';
}

export function modelOf(request: RecordedRequest): string | undefined {
  return (request.body as { model?: string }).model;
}
