import type { AiProviderSettings, Config } from '../../shared/config/index.ts';
import { createFailover } from './failover.ts';
import { createGeminiProvider } from './gemini-provider.ts';
import { createMockProvider } from './mock-provider.ts';
import { createOpenAiProvider } from './openai-provider.ts';
import { priceTable } from './prices.ts';
import type { Provider } from './provider.ts';

/**
 * The providers named by AI_PROVIDER, in failover order (just the adapter when there is one).
 * Config validation already made sure real ones have a key.
 */
export function createProvider(ai: Config['ai']): Provider {
  const common = { timeoutMs: ai.timeoutMs, prices: priceTable(ai.prices) };
  return createFailover(ai.providers.map((settings) => createAdapter(settings, common, ai)));
}

function createAdapter(
  settings: AiProviderSettings,
  common: Parameters<typeof createOpenAiProvider>[1],
  ai: Config['ai'],
): Provider {
  switch (settings.name) {
    case 'mock':
      return createMockProvider({ timeoutMs: common.timeoutMs, delayMs: ai.mockDelayMs });
    case 'openai':
      return createOpenAiProvider(settings, common);
    case 'gemini':
      return createGeminiProvider(settings, common);
  }
}
