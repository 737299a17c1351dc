import { GoogleGenAI, type GenerateContentResponse, type HttpOptions } from '@google/genai';
import type { Config } from '../../shared/config/index.ts';
import { emptyAnswerError, refusalError, toProviderError } from './provider-errors.ts';
import type { Provider } from './provider.ts';
import { SYSTEM_PROMPT } from './system-prompt.ts';

export const GEMINI_DEFAULT_MODEL = 'gemini-2.5-flash';

/** Finish reasons that mean "the model would not", as opposed to "the model could not". */
const REFUSAL_REASONS = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY', 'IMAGE_PROHIBITED_CONTENT']);

/**
 * Gemini API `models.generateContent`. AI_BASE_URL replaces the host part only: the SDK appends
 * `/v1beta/models/<model>:generateContent` itself.
 */
export function createGeminiProvider(ai: Config['ai']): Provider {
  const name = 'gemini';
  const model = ai.model ?? GEMINI_DEFAULT_MODEL;
  // No retryOptions: the SDK then makes exactly one attempt, and the job queue owns retries.
  const httpOptions: HttpOptions = { timeout: ai.timeoutMs, ...(ai.baseUrl && { baseUrl: ai.baseUrl }) };
  // vertexai: false so GOOGLE_GENAI_USE_VERTEXAI in the environment cannot switch backends under us.
  const client = new GoogleGenAI({ apiKey: ai.apiKey, vertexai: false, httpOptions });

  return {
    name,
    async generate(prompt, { signal }) {
      let response: GenerateContentResponse;
      try {
        response = await client.models.generateContent({
          model,
          contents: prompt,
          config: { systemInstruction: SYSTEM_PROMPT, responseMimeType: 'application/json', abortSignal: signal },
        });
      } catch (error) {
        throw toProviderError(error, { provider: name, apiKey: ai.apiKey, signal });
      }

      const blockReason = response.promptFeedback?.blockReason;
      if (blockReason) throw refusalError(name, `prompt blocked (${blockReason})`);
      const candidate = response.candidates?.[0];
      const finishReason = candidate?.finishReason;
      if (finishReason && REFUSAL_REASONS.has(finishReason)) throw refusalError(name, `finishReason ${finishReason}`);

      // Read the parts ourselves rather than `response.text`, which warns on stderr about non-text parts.
      const parts = Array.isArray(candidate?.content?.parts) ? candidate.content.parts : [];
      const text = parts
        .filter((part) => typeof part.text === 'string' && !part.thought)
        .map((part) => part.text)
        .join('');
      if (!text.trim()) throw emptyAnswerError(name, `finishReason ${finishReason ?? 'none'}`);

      const usage = response.usageMetadata;
      return {
        text,
        model: response.modelVersion ?? model,
        ...(usage && {
          usage: { inputTokens: usage.promptTokenCount ?? 0, outputTokens: usage.candidatesTokenCount ?? 0 },
        }),
      };
    },
  };
}
