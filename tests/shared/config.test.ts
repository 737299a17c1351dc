import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../shared/config/index.ts';

describe('configuration', () => {
  it('starts on documented defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: undefined,
      rabbitmqUrl: undefined,
      preview: { baseUrl: 'http://localhost:8001', dir: './data/previews', port: 8001, ttlDays: 30 },
      ai: { provider: 'mock' },
      jobs: { maxRetries: 5 },
      api: { port: 8000 },
      log: { level: 'info', format: 'json' },
      telegram: { apiRoot: 'https://api.telegram.org' },
    });
  });

  it('treats empty variables (FOO= in .env) as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', API_PORT: '' })).toMatchObject({ databaseUrl: undefined, api: { port: 8000 } });
  });

  it('reports one readable line per problem', () => {
    const error = captureConfigError({ API_PORT: 'eighty', AI_PROVIDER: 'skynet', MAX_RETRIES: '0', TELEGRAM_SECRET_TOKEN: 'has spaces' });
    expect(error.problems).toHaveLength(4);
    expect(error.problems.find((p) => p.startsWith('API_PORT:'))).toBeDefined();
    expect(error.problems.find((p) => p.startsWith('AI_PROVIDER:'))).toBeDefined();
    expect(error.problems.find((p) => p.startsWith('MAX_RETRIES:'))).toBeDefined();
    expect(error.problems.find((p) => p.startsWith('TELEGRAM_SECRET_TOKEN:'))).toBeDefined();
  });

  it('never echoes a rejected value, which may be a secret', () => {
    const error = captureConfigError({ TELEGRAM_BOT_TOKEN: 'not a token but secret-ish', TELEGRAM_SECRET_TOKEN: 'bad secret value!' });
    expect(error.message).not.toContain('secret-ish');
    expect(error.message).not.toContain('bad secret value');
  });

  it('requires the webhook secret when a bot token is set, and a key for real providers', () => {
    const error = captureConfigError({ TELEGRAM_BOT_TOKEN: '123:abc', AI_PROVIDER: 'openai' });
    expect(error.problems).toEqual([
      expect.stringMatching(/^TELEGRAM_SECRET_TOKEN: required when TELEGRAM_BOT_TOKEN is set/),
      expect.stringMatching(/^AI_API_KEY: required when AI_PROVIDER=openai/),
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
