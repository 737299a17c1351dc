import { existsSync } from 'node:fs';
import { envSchema, type Env } from './schema.ts';

/** Typed configuration, built once at start and passed down; nothing else reads process.env. */
export interface Config {
  databaseUrl: string | undefined;
  rabbitmqUrl: string | undefined;
  queuePrefix: string;
  dataDir: string;
  telegram: {
    botToken: string | undefined;
    secretToken: string | undefined;
    apiRoot: string;
  };
  preview: { baseUrl: string; dir: string; port: number; ttlDays: number };
  ai: {
    provider: Env['AI_PROVIDER'];
    apiKey: string | undefined;
    model: string | undefined;
    baseUrl: string | undefined;
    timeoutMs: number;
  };
  jobs: { maxRetries: number; retryBaseDelayMs: number; concurrency: number; maxPromptChars: number };
  api: { port: number };
  listenHost: string;
  log: { level: Env['LOG_LEVEL']; format: Env['LOG_FORMAT'] };
}

/** Thrown when the environment is invalid; `problems` holds one readable line per problem. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    // Never echo the rejected value: it may be a secret.
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`));
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    rabbitmqUrl: e.RABBITMQ_URL,
    queuePrefix: e.QUEUE_PREFIX,
    dataDir: e.DATA_DIR,
    telegram: { botToken: e.TELEGRAM_BOT_TOKEN, secretToken: e.TELEGRAM_SECRET_TOKEN, apiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, '') },
    preview: { baseUrl: e.PREVIEW_BASE_URL.replace(/\/+$/, ''), dir: e.PREVIEWS_DIR, port: e.PREVIEW_PORT, ttlDays: e.PREVIEW_TTL_DAYS },
    ai: { provider: e.AI_PROVIDER, apiKey: e.AI_API_KEY, model: e.AI_MODEL, baseUrl: e.AI_BASE_URL, timeoutMs: e.AI_TIMEOUT_MS },
    jobs: { maxRetries: e.MAX_RETRIES, retryBaseDelayMs: e.RETRY_BASE_DELAY_MS, concurrency: e.WORKER_CONCURRENCY, maxPromptChars: e.MAX_PROMPT_CHARS },
    api: { port: e.API_PORT },
    listenHost: e.LISTEN_HOST,
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT },
  };
}

/**
 * For entry points: read `./.env` when there is one (variables already set win), parse the
 * environment, or print one line per problem and exit 1 (no stack trace).
 */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): Config {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) process.stderr.write(`config: ${problem}\n`);
    process.exit(1);
  }
}
