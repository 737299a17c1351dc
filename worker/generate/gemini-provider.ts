import { GoogleGenAI, type GenerateContentResponse, type HttpOptions } from '@google/genai';
import type { AiProviderSettings, ModelPrice } from '../../shared/config/index.ts';
import { geminiResponseJsonSchema } from './answer-schema.ts';
import { askForBundle, type AskModel, type ModelReply } from './ask-for-bundle.ts';
import type { Provider } from './provider.ts';
import { toProviderError } from './provider-errors.ts';

export const GEMINI_DEFAULT_MODEL = 'gemini-2.5-flash';

/** Finish reasons that mean "the model would not", as opposed to "the model could not". */
const REFUSAL_REASONS = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
]);

/**
 * Gemini API `models.streamGenerateContent` (server-sent events), in JSON mode with the answer's
 * JSON schema. GEMINI_BASE_URL replaces the host part only: the SDK appends
 * `/v1beta/models/<model>:streamGenerateContent?alt=sse` itself.
 */
export function createGeminiProvider(
  settings: AiProviderSettings,
  common: { timeoutMs: number; prices: Record<string, ModelPrice> },
): Provider {
  const name = 'gemini';
  const model = settings.model ?? GEMINI_DEFAULT_MODEL;
  // No retryOptions: the SDK then makes exactly one attempt, and the job queue owns retries.
  const httpOptions: HttpOptions = {
    timeout: common.timeoutMs,
    ...(settings.baseUrl && { baseUrl: settings.baseUrl }),
  };
  // vertexai: false so GOOGLE_GENAI_USE_VERTEXAI in the environment cannot switch backends under us.
  const client = new GoogleGenAI({ apiKey: settings.apiKey, vertexai: false, httpOptions });

  const ask: AskModel = async (turn, { signal, onText }) => {
    const reply = {
      text: '',
      model,
      finishReason: undefined as string | undefined,
      blockReason: undefined as string | undefined,
      usage: undefined as ModelReply['usage'],
    };
    try {
      const stream = await client.models.generateContentStream({
        model,
        contents: turn.user,
        config: {
          systemInstruction: turn.system,
          responseMimeType: 'application/json',
          responseJsonSchema: geminiResponseJsonSchema,
          abortSignal: signal,
          // The SDK would otherwise reopen a dropped stream on its own; the job queue owns retries.
          automaticContinuation: false,
        },
      });
      for await (const chunk of stream) readChunk(chunk, reply, onText);
      signal.throwIfAborted();
    } catch (error) {
      throw toProviderError(error, { provider: name, apiKey: settings.apiKey, signal });
    }

    const base = { text: reply.text, model: reply.model, ...(reply.usage && { usage: reply.usage }) };
    if (reply.blockReason) return { ...base, finish: 'refused', refusal: `prompt blocked (${reply.blockReason})` };
    if (reply.finishReason && REFUSAL_REASONS.has(reply.finishReason))
      return { ...base, finish: 'refused', refusal: `finishReason ${reply.finishReason}` };
    if (reply.finishReason === 'MAX_TOKENS') return { ...base, finish: 'length' };
    return { ...base, finish: 'stop' };
  };

  return {
    name,
    generate: (request, options) => askForBundle({ provider: name, model, ...common }, ask, request, options),
  };
}

interface StreamedReply {
  text: string;
  model: string;
  finishReason: string | undefined;
  blockReason: string | undefined;
  usage: ModelReply['usage'];
}

function readChunk(chunk: GenerateContentResponse, reply: StreamedReply, onText: (delta: string) => void): void {
  if (chunk.modelVersion) reply.model = chunk.modelVersion;
  if (chunk.promptFeedback?.blockReason) reply.blockReason = chunk.promptFeedback.blockReason;
  const usage = chunk.usageMetadata;
  if (usage) {
    // Usage is cumulative per chunk; thinking tokens are billed as output.
    reply.usage = {
      inputTokens: usage.promptTokenCount ?? 0,
      outputTokens: (usage.candidatesTokenCount ?? 0) + (usage.thoughtsTokenCount ?? 0),
    };
  }
  const candidate = chunk.candidates?.[0];
  if (candidate?.finishReason) reply.finishReason = candidate.finishReason;
  // Read the parts ourselves rather than `chunk.text`, which warns on stderr about non-text parts.
  const parts = Array.isArray(candidate?.content?.parts) ? candidate.content.parts : [];
  for (const part of parts) {
    if (typeof part.text !== 'string' || part.thought || !part.text) continue;
    reply.text += part.text;
    onText(part.text);
  }
}
