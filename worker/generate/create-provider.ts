import type { Config } from '../../shared/config/index.ts';
import { createGeminiProvider } from './gemini-provider.ts';
import { createMockProvider } from './mock-provider.ts';
import { createOpenAiProvider } from './openai-provider.ts';
import type { Provider } from './provider.ts';

/** Picks the adapter named by AI_PROVIDER. Config validation already made sure real ones have a key. */
export function createProvider(ai: Config['ai']): Provider {
  switch (ai.provider) {
    case 'mock':
      return createMockProvider();
    case 'openai':
      return createOpenAiProvider(ai);
    case 'gemini':
      return createGeminiProvider(ai);
  }
}
