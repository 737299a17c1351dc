import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../shared/config/index.ts';

describe('configuration', () => {
  it('starts on documented defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: undefined,
      rabbitmqUrl: undefined,
      preview: {
        baseUrl: 'http://localhost:8001',
        storage: { kind: 'fs', dir: './data/previews' },
        port: 8001,
        ttlDays: 30,
      },
      ai: { provider: ['mock'], providers: [{ name: 'mock' }], timeoutMs: 120_000, prices: {}, mockDelayMs: 6000 },
      jobs: { maxRetries: 5, leaseMs: 15_000 },
      shutdownGraceMs: 25_000,
      api: { port: 8000 },
      log: { level: 'info', format: 'json' },
      telegram: { apiRoot: 'https://api.telegram.org' },
    });
  });

  it('treats empty variables (FOO= in .env) as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', API_PORT: '' })).toMatchObject({
      databaseUrl: undefined,
      api: { port: 8000 },
    });
  });

  it('reports one readable line per problem', () => {
    const error = captureConfigError({
      API_PORT: 'eighty',
      AI_PROVIDER: 'skynet',
      MAX_RETRIES: '0',
      TELEGRAM_SECRET_TOKEN: 'has spaces',
    });
    expect(error.problems).toHaveLength(4);
    expect(error.problems.find((p) => p.startsWith('API_PORT:'))).toBeDefined();
    expect(error.problems.find((p) => p.startsWith('AI_PROVIDER:'))).toBeDefined();
    expect(error.problems.find((p) => p.startsWith('MAX_RETRIES:'))).toBeDefined();
    expect(error.problems.find((p) => p.startsWith('TELEGRAM_SECRET_TOKEN:'))).toBeDefined();
  });

  it('never echoes a rejected value, which may be a secret', () => {
    const error = captureConfigError({
      TELEGRAM_BOT_TOKEN: 'not a token but secret-ish',
      TELEGRAM_SECRET_TOKEN: 'bad secret value!',
    });
    expect(error.message).not.toContain('secret-ish');
    expect(error.message).not.toContain('bad secret value');
  });

  it('requires the webhook secret when a bot token and a webhook URL are set, and a key for real providers', () => {
    const error = captureConfigError({
      TELEGRAM_BOT_TOKEN: '123:abc',
      WEBHOOK_URL: 'https://bot.example.com/telegram/webhook',
      AI_PROVIDER: 'openai',
    });
    expect(error.problems).toEqual([
      expect.stringMatching(/^TELEGRAM_SECRET_TOKEN: required when TELEGRAM_BOT_TOKEN and WEBHOOK_URL are set/),
      expect.stringMatching(/^AI_API_KEY: required when AI_PROVIDER=openai \(or set OPENAI_API_KEY\)/),
    ]);
  });

  it('reads AI_PROVIDER as a failover list; AI_* settings apply to the first provider unless its own are set', () => {
    const config = loadConfig({
      AI_PROVIDER: ' openai, Gemini ',
      AI_API_KEY: 'sk-first',
      AI_MODEL: 'gpt-4.1-mini',
      AI_BASE_URL: 'http://localhost:11434/v1',
      OPENAI_MODEL: 'gpt-4o',
      GEMINI_API_KEY: 'AIza-second',
    });
    expect(config.ai.provider).toEqual(['openai', 'gemini']);
    expect(config.ai.providers).toEqual([
      { name: 'openai', apiKey: 'sk-first', model: 'gpt-4o', baseUrl: 'http://localhost:11434/v1' },
      { name: 'gemini', apiKey: 'AIza-second', model: undefined, baseUrl: undefined },
    ]);
  });

  it('wants a key for every real provider in the list, one line each', () => {
    const error = captureConfigError({ AI_PROVIDER: 'openai,gemini' });
    expect(error.problems).toEqual([
      expect.stringMatching(/^AI_API_KEY: required when AI_PROVIDER=openai,gemini \(or set OPENAI_API_KEY\)/),
      expect.stringMatching(/^GEMINI_API_KEY: required when AI_PROVIDER lists gemini/),
    ]);
    expect(loadConfig({ AI_PROVIDER: 'mock,gemini', GEMINI_API_KEY: 'AIza-x' }).ai.provider).toEqual([
      'mock',
      'gemini',
    ]);
  });

  it.each(['openai,openai', 'openai,,skynet', ','])(
    'rejects AI_PROVIDER=%j in one line, without echoing it',
    (value) => {
      const error = captureConfigError({ AI_PROVIDER: value, OPENAI_API_KEY: 'sk-x' });
      expect(error.problems).toEqual([
        expect.stringMatching(/^AI_PROVIDER: a comma-separated list of mock, openai and gemini/),
      ]);
      if (value.includes('skynet')) expect(error.message).not.toContain('skynet');
    },
  );

  it('paces the mock provider with MOCK_DELAY_MS, which must stay below AI_TIMEOUT_MS', () => {
    expect(loadConfig({ MOCK_DELAY_MS: '0' }).ai.mockDelayMs).toBe(0);
    expect(captureConfigError({ MOCK_DELAY_MS: '5000', AI_TIMEOUT_MS: '5000' }).problems).toEqual([
      'MOCK_DELAY_MS: must be below AI_TIMEOUT_MS (the mock call would time out)',
    ]);
    expect(captureConfigError({ MOCK_DELAY_MS: 'soon' }).problems).toEqual([expect.stringMatching(/^MOCK_DELAY_MS: /)]);
    // Without the mock in the list, its pacing does not matter.
    expect(() =>
      loadConfig({ AI_PROVIDER: 'openai', AI_API_KEY: 'sk-x', MOCK_DELAY_MS: '5000', AI_TIMEOUT_MS: '5000' }),
    ).not.toThrow();
  });

  it('validates AI_PRICES_JSON: JSON of USD per million tokens per model', () => {
    expect(loadConfig({ AI_PRICES_JSON: '{"my-model": {"input": 0.5, "output": 1.5}}' }).ai.prices).toEqual({
      'my-model': { input: 0.5, output: 1.5 },
    });
    expect(captureConfigError({ AI_PRICES_JSON: '{not json' }).problems).toEqual([
      expect.stringMatching(/^AI_PRICES_JSON: not valid JSON/),
    ]);
    expect(captureConfigError({ AI_PRICES_JSON: '{"m": {"input": -1, "output": "cheap"}}' }).problems).toEqual([
      expect.stringMatching(/^AI_PRICES_JSON\.m\.input: /),
      expect.stringMatching(/^AI_PRICES_JSON\.m\.output: /),
    ]);
  });
});

function captureConfigError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}
