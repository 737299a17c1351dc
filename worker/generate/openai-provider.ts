import OpenAI from 'openai';
import type { AiProviderSettings, ModelPrice } from '../../shared/config/index.ts';
import { openAiResponseFormat } from './answer-schema.ts';
import { askForBundle, type AskModel, type ModelReply, type ModelTurn } from './ask-for-bundle.ts';
import type { Provider } from './provider.ts';
import { rejectsStructuredOutput, toProviderError } from './provider-errors.ts';

export const OPENAI_DEFAULT_MODEL = 'gpt-4o-mini';

type Chunk = OpenAI.Chat.ChatCompletionChunk;

/**
 * OpenAI Chat Completions, or any endpoint that speaks it (OPENAI_BASE_URL, e.g. http://host/v1),
 * streamed. Asks for structured output (a strict JSON schema); a server that rejects it gets the
 * same request without it, and this adapter stops asking for it from then on — parseAnswer copes
 * with fenced or raw HTML.
 */
export function createOpenAiProvider(
  settings: AiProviderSettings,
  common: { timeoutMs: number; prices: Record<string, ModelPrice> },
): Provider {
  const name = 'openai';
  const model = settings.model ?? OPENAI_DEFAULT_MODEL;
  // Retries belong to the job queue (delayed, counted, parked after MAX_RETRIES), never to the SDK.
  // The SDK's timeout only covers the wait for headers; askForBundle's signal covers the stream.
  const client = new OpenAI({
    apiKey: settings.apiKey,
    baseURL: settings.baseUrl,
    timeout: common.timeoutMs,
    maxRetries: 0,
  });
  let structuredOutput = true;

  const ask: AskModel = async (turn, { signal, onText }) => {
    try {
      if (!structuredOutput) return await complete(turn, false, signal, onText);
      try {
        return await complete(turn, true, signal, onText);
      } catch (error) {
        if (!rejectsStructuredOutput(error)) throw error;
        structuredOutput = false;
        return await complete(turn, false, signal, onText);
      }
    } catch (error) {
      throw toProviderError(error, { provider: name, apiKey: settings.apiKey, signal });
    }
  };

  async function complete(
    turn: ModelTurn,
    structured: boolean,
    signal: AbortSignal,
    onText: (delta: string) => void,
  ): Promise<ModelReply> {
    const { data: stream, response } = await client.chat.completions
      .create(
        {
          model,
          messages: [
            { role: 'system', content: turn.system },
            { role: 'user', content: turn.user },
          ],
          stream: true,
          stream_options: { include_usage: true },
          ...(structured && { response_format: openAiResponseFormat }),
        },
        { signal },
      )
      .withResponse();
    // Some compatible servers ignore `stream: true` and answer with one JSON completion.
    if (/application\/json/i.test(response.headers.get('content-type') ?? '')) {
      return replyFromCompletion((await response.json()) as OpenAI.Chat.ChatCompletion, model, onText);
    }

    const reply = {
      text: '',
      refusal: '',
      model,
      finishReason: null as string | null,
      usage: undefined as ModelReply['usage'],
    };
    for await (const chunk of stream) readChunk(chunk, reply, onText);
    // On abort the SDK ends the loop quietly instead of throwing: a cut stream must not pass as an answer.
    signal.throwIfAborted();
    return toReply(reply);
  }

  return {
    name,
    generate: (request, options) => askForBundle({ provider: name, model, ...common }, ask, request, options),
  };
}

interface StreamedReply {
  text: string;
  refusal: string;
  model: string;
  finishReason: string | null;
  usage: ModelReply['usage'];
}

/** Compatible servers do not always send the documented shape: check it rather than trust the types. */
function readChunk(chunk: Chunk, reply: StreamedReply, onText: (delta: string) => void): void {
  if (typeof chunk?.model === 'string' && chunk.model) reply.model = chunk.model;
  if (chunk?.usage)
    reply.usage = { inputTokens: chunk.usage.prompt_tokens ?? 0, outputTokens: chunk.usage.completion_tokens ?? 0 };
  const choice = Array.isArray(chunk?.choices) ? chunk.choices[0] : undefined;
  if (!choice) return;
  const content: unknown = choice.delta?.content;
  if (typeof content === 'string' && content) {
    reply.text += content;
    onText(content);
  }
  if (typeof choice.delta?.refusal === 'string') reply.refusal += choice.delta.refusal;
  if (choice.finish_reason) reply.finishReason = choice.finish_reason;
}

function replyFromCompletion(
  completion: OpenAI.Chat.ChatCompletion,
  model: string,
  onText: (delta: string) => void,
): ModelReply {
  const choice = Array.isArray(completion?.choices) ? completion.choices[0] : undefined;
  const content: unknown = choice?.message?.content;
  const text = typeof content === 'string' ? content : '';
  onText(text);
  return toReply({
    text,
    refusal: choice?.message?.refusal ?? '',
    model: typeof completion?.model === 'string' && completion.model ? completion.model : model,
    finishReason: choice?.finish_reason ?? null,
    usage: completion?.usage
      ? { inputTokens: completion.usage.prompt_tokens ?? 0, outputTokens: completion.usage.completion_tokens ?? 0 }
      : undefined,
  });
}

/**
 * A stream with no finish_reason at all is taken as finished: some compatible servers never send
 * one, and a truncated answer fails parsing anyway (retryable, with the reason recorded).
 */
function toReply({ text, refusal, model, finishReason, usage }: StreamedReply): ModelReply {
  const base = { text, model, ...(usage && { usage }) };
  if (refusal) return { ...base, finish: 'refused', refusal: `the model sent a refusal: ${refusal.slice(0, 200)}` };
  if (finishReason === 'content_filter')
    return { ...base, finish: 'refused', refusal: 'the content filter stopped the answer' };
  if (finishReason === 'length') return { ...base, finish: 'length' };
  return { ...base, finish: 'stop' };
}
