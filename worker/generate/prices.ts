import type { ModelPrice } from '../../shared/config/index.ts';

/**
 * List prices in USD per million tokens (standard tier, text, no caching), as published by OpenAI
 * and Google on the date below. Estimates only: vendors change prices and bill details we do not
 * see (cached input, long-context tiers). AI_PRICES_JSON replaces or adds entries without a release.
 */
export const PRICES_AS_OF = '2026-11-22';

export const DEFAULT_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-5': { input: 1.25, output: 10 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  'o4-mini': { input: 1.1, output: 4.4 },
  'gemini-2.5-pro': { input: 1.25, output: 10 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5 },
  'gemini-2.5-flash-lite': { input: 0.1, output: 0.4 },
  'gemini-2.0-flash': { input: 0.1, output: 0.4 },
  'gemini-2.0-flash-lite': { input: 0.075, output: 0.3 },
  'mock-1': { input: 0, output: 0 },
};

/** The default table with the AI_PRICES_JSON overrides on top. */
export function priceTable(overrides: Record<string, ModelPrice>): Record<string, ModelPrice> {
  return { ...DEFAULT_PRICES, ...overrides };
}

/**
 * The price of `model`: an exact entry, else the longest entry it extends with a version suffix
 * (vendors report `gpt-4o-mini-2024-07-18` for `gpt-4o-mini`, `gemini-2.5-flash-001` and the like).
 */
export function priceOf(prices: Record<string, ModelPrice>, model: string): ModelPrice | undefined {
  const name = model.replace(/^models\//, '');
  if (prices[name]) return prices[name];
  const base = Object.keys(prices)
    .filter((key) => name.startsWith(`${key}-`) || name.startsWith(`${key}@`) || name.startsWith(`${key}:`))
    .sort((a, b) => b.length - a.length)[0];
  return base === undefined ? undefined : prices[base];
}

/** Estimated cost in USD, or null when the tokens or the model's price are unknown. */
export function estimateCostUsd(
  prices: Record<string, ModelPrice>,
  model: string,
  tokens: { inputTokens: number | null; outputTokens: number | null },
): number | null {
  const price = priceOf(prices, model);
  if (!price || tokens.inputTokens === null || tokens.outputTokens === null) return null;
  return (tokens.inputTokens * price.input + tokens.outputTokens * price.output) / 1_000_000;
}
