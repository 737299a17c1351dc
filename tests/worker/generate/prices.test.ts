import { describe, expect, it } from 'vitest';
import { estimateCostUsd, priceOf, priceTable } from '../../../worker/generate/prices.ts';
import { testConfig } from '../../support/test-config.ts';

describe('prices', () => {
  const prices = priceTable({});

  it('finds a dated or suffixed model under its base name, the longest match first', () => {
    expect(priceOf(prices, 'gpt-4o-mini-2024-07-18')).toEqual(prices['gpt-4o-mini']);
    expect(priceOf(prices, 'gpt-4.1-mini-2025-04-14')).toEqual(prices['gpt-4.1-mini']);
    expect(priceOf(prices, 'models/gemini-2.5-flash-001')).toEqual(prices['gemini-2.5-flash']);
    expect(priceOf(prices, 'llama3.1:8b')).toBeUndefined();
  });

  it('estimates USD from tokens, and gives null when tokens or the price are unknown', () => {
    expect(estimateCostUsd(prices, 'gpt-4o-mini', { inputTokens: 1_000_000, outputTokens: 1_000_000 })).toBeCloseTo(
      0.75,
      10,
    );
    expect(estimateCostUsd(prices, 'gpt-4o-mini', { inputTokens: null, outputTokens: null })).toBeNull();
    expect(estimateCostUsd(prices, 'llama3.1:8b', { inputTokens: 10, outputTokens: 10 })).toBeNull();
  });

  it('AI_PRICES_JSON overrides and extends the default table', () => {
    const overrides = testConfig({
      AI_PRICES_JSON: '{"gpt-4o-mini": {"input": 1, "output": 2}, "llama3.1": {"input": 0, "output": 0}}',
    }).ai.prices;
    const table = priceTable(overrides);
    expect(priceOf(table, 'gpt-4o-mini-2024-07-18')).toEqual({ input: 1, output: 2 });
    expect(estimateCostUsd(table, 'llama3.1:8b', { inputTokens: 10, outputTokens: 10 })).toBe(0);
    expect(priceOf(table, 'gemini-2.5-pro')).toEqual({ input: 1.25, output: 10 });
  });
});
