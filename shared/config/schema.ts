import { z } from 'zod';

/** Treats `FOO=` (as .env files often leave it) the same as an unset variable. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const withDefault = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  z.preprocess((value) => (value === '' || value === undefined ? fallback : value), schema);

const port = z.coerce.number().int().min(0).max(65535);
const url = z.url({ protocol: /^https?$/ });

/**
 * The environment, exactly as `.env.example` and README list it.
 * Defaults here are the defaults documented there.
 */
export const envSchema = z
  .object({
    /** PostgreSQL connection string; unset → embedded PGlite under DATA_DIR. */
    DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')),
    /** AMQP URL (a vhost is allowed); unset → in-process queue. */
    RABBITMQ_URL: optional(z.string().regex(/^amqps?:\/\//, 'must be an amqp:// URL')),
    /** Prefix of every queue name, so several deployments (or test runs) can share a broker. */
    QUEUE_PREFIX: withDefault(z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'lowercase letters, digits, . _ -'), 'orchestrator'),
    TELEGRAM_BOT_TOKEN: optional(z.string().regex(/^\d+:[A-Za-z0-9_-]+$/, 'does not look like a bot token (digits:letters)')),
    TELEGRAM_SECRET_TOKEN: optional(z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, '1–256 characters of A-Z a-z 0-9 _ -')),
    TELEGRAM_API_ROOT: withDefault(url, 'https://api.telegram.org'),
    PREVIEW_BASE_URL: withDefault(url, 'http://localhost:8001'),
    PREVIEWS_DIR: withDefault(z.string().min(1), './data/previews'),
    /** Days a preview stays online. */
    PREVIEW_TTL_DAYS: withDefault(z.coerce.number().int().min(1).max(3650), 30),
    /** Where the embedded database lives when DATABASE_URL is unset. */
    DATA_DIR: withDefault(z.string().min(1), './data'),
    AI_PROVIDER: withDefault(z.enum(['mock', 'openai', 'gemini']), 'mock'),
    AI_API_KEY: optional(z.string().min(1)),
    AI_MODEL: optional(z.string().min(1)),
    AI_BASE_URL: optional(url),
    /** Milliseconds one provider call may take before it is aborted and retried. */
    AI_TIMEOUT_MS: withDefault(z.coerce.number().int().min(1000).max(600_000), 120_000),
    MAX_RETRIES: withDefault(z.coerce.number().int().min(1).max(20), 5),
    /** First retry delay; each later retry waits four times longer. */
    RETRY_BASE_DELAY_MS: withDefault(z.coerce.number().int().min(10).max(600_000), 2000),
    /** Longest prompt accepted from chat, in characters. */
    MAX_PROMPT_CHARS: withDefault(z.coerce.number().int().min(10).max(20_000), 2000),
    /** Jobs one worker process runs at the same time (RabbitMQ prefetch). */
    WORKER_CONCURRENCY: withDefault(z.coerce.number().int().min(1).max(64), 4),
    API_PORT: withDefault(port, 8000),
    PREVIEW_PORT: withDefault(port, 8001),
    /** Address the HTTP servers bind to. */
    LISTEN_HOST: withDefault(z.string().min(1), '0.0.0.0'),
    LOG_LEVEL: withDefault(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
    LOG_FORMAT: withDefault(z.enum(['json', 'pretty']), 'json'),
  })
  .superRefine((env, ctx) => {
    if (env.TELEGRAM_BOT_TOKEN && !env.TELEGRAM_SECRET_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['TELEGRAM_SECRET_TOKEN'],
        message: 'required when TELEGRAM_BOT_TOKEN is set (Telegram sends it with every webhook call)',
      });
    }
    if ((env.AI_PROVIDER === 'openai' || env.AI_PROVIDER === 'gemini') && !env.AI_API_KEY) {
      ctx.addIssue({ code: 'custom', path: ['AI_API_KEY'], message: `required when AI_PROVIDER=${env.AI_PROVIDER}` });
    }
  });

export type Env = z.output<typeof envSchema>;
