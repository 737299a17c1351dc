import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config/index.ts';
import { createLogger } from '../../shared/log/index.ts';

const BOT_TOKEN = '123456:AAExampleBotTokenValue';
const SECRET = 'webhook_secret_value';
const API_KEY = 'sk-test-abcdef123456';

function capture() {
  const lines: string[] = [];
  const config = loadConfig({
    TELEGRAM_BOT_TOKEN: BOT_TOKEN,
    TELEGRAM_SECRET_TOKEN: SECRET,
    AI_PROVIDER: 'openai',
    AI_API_KEY: API_KEY,
    LOG_LEVEL: 'debug',
  });
  const log = createLogger(config, { write: (line: string) => void lines.push(line) });
  return { log, lines };
}

describe('logging', () => {
  it('masks the key of every configured AI provider, not only the first', () => {
    const lines: string[] = [];
    const gemini = 'AIza-second-provider-key-123';
    const config = loadConfig({
      AI_PROVIDER: 'openai,gemini',
      AI_API_KEY: API_KEY,
      GEMINI_API_KEY: gemini,
      LOG_LEVEL: 'debug',
    });
    createLogger(config, { write: (line: string) => void lines.push(line) }).error(`keys ${API_KEY} and ${gemini}`);
    expect(lines.join('')).not.toContain(API_KEY);
    expect(lines.join('')).not.toContain(gemini);
  });

  it('redacts secrets by field name', () => {
    const { log, lines } = capture();
    log.info(
      { botToken: BOT_TOKEN, req: { headers: { 'x-telegram-bot-api-secret-token': SECRET } }, ai: { apiKey: API_KEY } },
      'hello',
    );
    const text = lines.join('');
    for (const secret of [BOT_TOKEN, SECRET, API_KEY]) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });

  it('masks secrets inside messages and error text, such as a Bot API URL', () => {
    const { log, lines } = capture();
    log.error(
      { err: new Error(`request to https://api.telegram.org/bot${BOT_TOKEN}/sendMessage failed (key ${API_KEY})`) },
      `secret was ${SECRET}`,
    );
    const text = lines.join('');
    for (const secret of [BOT_TOKEN, SECRET, API_KEY]) expect(text).not.toContain(secret);
    expect(text).toContain('/bot[redacted]/sendMessage');
  });
});
