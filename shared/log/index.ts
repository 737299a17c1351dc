import { pino, type Logger } from 'pino';
import type { Config } from '../config/index.ts';

export type { Logger };

/** Paths pino blanks in every line: tokens, secrets, keys and the webhook secret header. */
export const redactPaths = [
  'token',
  'botToken',
  'secretToken',
  'apiKey',
  'secretAccessKey',
  '*.token',
  '*.botToken',
  '*.secretToken',
  '*.apiKey',
  '*.secretAccessKey',
  'req.headers["x-telegram-bot-api-secret-token"]',
  'req.headers.authorization',
  'req.headers["x-goog-api-key"]',
];

/**
 * The root logger. Secrets are removed twice: by path (above) and by value, so a token that ends up
 * inside an error message or URL (Bot API URLs carry the token) is masked too.
 */
export function createLogger(
  config: Pick<Config, 'log' | 'telegram' | 'ai' | 'preview'>,
  destination?: pino.DestinationStream,
): Logger {
  const secrets = [
    config.telegram.botToken,
    config.telegram.secretToken,
    ...config.ai.providers.map((p) => p.apiKey),
    config.preview.storage.kind === 's3' ? config.preview.storage.credentials?.secretAccessKey : undefined,
  ].filter((s): s is string => typeof s === 'string' && s.length >= 4);
  const options: pino.LoggerOptions = {
    level: config.log.level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    hooks: {
      streamWrite: (line) => maskSecrets(line, secrets),
    },
  };
  if (destination) return pino(options, destination);
  if (config.log.format === 'pretty') {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true } } });
  }
  return pino(options);
}

export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('[redacted]');
  return out;
}
