import OpenAI from 'openai';
import type { Config } from '../../shared/config/index.ts';
import { emptyAnswerError, refusalError, toProviderError } from './provider-errors.ts';
import type { Provider } from './provider.ts';
import { SYSTEM_PROMPT } from './system-prompt.ts';

export const OPENAI_DEFAULT_MODEL = 'gpt-4o-mini';

/**
 * OpenAI Chat Completions, or any endpoint that speaks it (AI_BASE_URL, e.g. http://host/v1).
 * `response_format` is left out on purpose: several compatible servers reject it, and parseAnswer
 * copes with fenced or raw HTML anyway.
 */
export function createOpenAiProvider(ai: Config['ai']): Provider {
  const name = 'openai';
  const model = ai.model ?? OPENAI_DEFAULT_MODEL;
  // Retries belong to the job queue (delayed, counted, parked after MAX_RETRIES), never to the SDK.
  const client = new OpenAI({ apiKey: ai.apiKey, baseURL: ai.baseUrl, timeout: ai.timeoutMs, maxRetries: 0 });

  return {
    name,
    async generate(prompt, { signal }) {
      let completion: OpenAI.Chat.ChatCompletion;
      try {
        completion = await client.chat.completions.create(
          {
            model,
            messages: [
              { role: 'system', content: SYSTEM_PROMPT },
              { role: 'user', content: prompt },
            ],
          },
          { signal },
        );
      } catch (error) {
        throw toProviderError(error, { provider: name, apiKey: ai.apiKey, signal });
      }

      // Compatible servers do not always send the documented shape: check it rather than trust the types.
      const choice = Array.isArray(completion?.choices) ? completion.choices[0] : undefined;
      if (choice?.message?.refusal) throw refusalError(name, 'the model sent a refusal');
      if (choice?.finish_reason === 'content_filter') throw refusalError(name, 'the content filter stopped the answer');
      const content: unknown = choice?.message?.content;
      const text = typeof content === 'string' ? content : '';
      if (!text.trim()) throw emptyAnswerError(name, choice ? `finish_reason ${choice.finish_reason}` : 'no choices in the response');

      return {
        text,
        model: typeof completion.model === 'string' && completion.model ? completion.model : model,
        ...(completion.usage && {
          usage: { inputTokens: completion.usage.prompt_tokens, outputTokens: completion.usage.completion_tokens },
        }),
      };
    },
  };
}
