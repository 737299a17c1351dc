import { z } from 'zod';

/** Treats `FOO=` (as .env files often leave it) the same as an unset variable. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const withDefault = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  z.preprocess((value) => (value === '' || value === undefined ? fallback : value), schema);

const port = z.coerce.number().int().min(0).max(65535);
const onOff = z.enum(['on', 'off'], 'on or off').transform((value) => value === 'on');
const url = z.url({ protocol: /^https?$/ });

export const PROVIDER_NAMES = ['mock', 'openai', 'gemini'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];
/** Providers that call a vendor, and so need a key. */
const REAL_PROVIDERS = { openai: 'OPENAI', gemini: 'GEMINI' } as const;

/** `openai,gemini` → ['openai', 'gemini']: the failover order. One issue, never echoing the value. */
const providerList = z.string().transform((value, ctx) => {
  const names = value
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const known = names.every((name): name is ProviderName => (PROVIDER_NAMES as readonly string[]).includes(name));
  if (!known || names.length === 0 || new Set(names).size !== names.length) {
    ctx.addIssue({
      code: 'custom',
      message: 'a comma-separated list of mock, openai and gemini, each at most once (e.g. openai,gemini)',
    });
    return z.NEVER;
  }
  return names;
});

/** `123, 456` → [123, 456]. */
const userIdList = z
  .string()
  .regex(/^\s*(\d{1,16}\s*(,\s*\d{1,16}\s*)*)?$/, 'a comma-separated list of Telegram user ids (digits)')
  .transform((value) =>
    value
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean)
      .map(Number),
  );

/** USD per million tokens, by model name: `{"gpt-4o-mini": {"input": 0.15, "output": 0.6}}`. */
const priceTable = z.record(
  z.string().min(1),
  z.object({ input: z.number().nonnegative(), output: z.number().nonnegative() }).strict(),
);
const pricesJson = z
  .string()
  .transform((value, ctx) => {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'not valid JSON; expected {"<model>": {"input": <USD per 1M tokens>, "output": <USD per 1M tokens>}}',
      });
      return z.NEVER;
    }
  })
  .pipe(priceTable);

/**
 * The environment, exactly as `.env.example` and README list it.
 * Defaults here are the defaults documented there.
 */
export const envSchema = z
  .object({
    /** PostgreSQL connection string; unset → embedded PGlite under DATA_DIR. */
    DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')),
    /** AMQP URL (a vhost is allowed), or a cluster's nodes comma-separated, tried in order; unset → in-process queue. */
    RABBITMQ_URL: optional(
      z
        .string()
        .regex(
          /^\s*amqps?:\/\/[^,\s]+(\s*,\s*amqps?:\/\/[^,\s]+)*\s*$/,
          'must be an amqp:// URL, or several separated by commas',
        ),
    ),
    /** Prefix of every queue name, so several deployments (or test runs) can share a broker. */
    QUEUE_PREFIX: withDefault(
      z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'lowercase letters, digits, . _ -'),
      'orchestrator',
    ),
    TELEGRAM_BOT_TOKEN: optional(
      z.string().regex(/^\d+:[A-Za-z0-9_-]+$/, 'does not look like a bot token (digits:letters)'),
    ),
    TELEGRAM_SECRET_TOKEN: optional(z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, '1–256 characters of A-Z a-z 0-9 _ -')),
    TELEGRAM_API_ROOT: withDefault(url, 'https://api.telegram.org'),
    /** Public HTTPS URL Telegram posts updates to; used by `npm run ops -- webhook set` when no --url is given. */
    WEBHOOK_URL: optional(
      z.url({ protocol: /^https$/, error: 'must be an https:// URL (Telegram calls webhooks over HTTPS only)' }),
    ),
    /** Public URL of the preview service, in the links; unset → http://localhost:<PREVIEW_PORT> (see previewBaseUrl). */
    PREVIEW_BASE_URL: optional(url),
    /** Where published sites live: `fs` (PREVIEWS_DIR, a shared volume) or `s3` (an S3-compatible bucket, S3_*). */
    PREVIEW_STORAGE: withDefault(z.enum(['fs', 's3']), 'fs'),
    /** Bundle root (PREVIEW_STORAGE=fs); unset → <DATA_DIR>/previews. */
    PREVIEWS_DIR: optional(z.string().min(1)),
    /** Endpoint of an S3-compatible store (MinIO, Garage, R2, Ceph RGW); unset → AWS S3 itself. */
    S3_ENDPOINT: optional(url),
    /** The bucket; it must exist (created by whoever runs the store). */
    S3_BUCKET: optional(
      z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, '3-63 characters of a-z 0-9 . - (an S3 bucket name)'),
    ),
    S3_REGION: withDefault(z.string().regex(/^[a-z0-9-]{1,64}$/, 'a region name such as us-east-1'), 'us-east-1'),
    /** Unset (both) → the AWS SDK's own credential chain (instance roles and the like). */
    S3_ACCESS_KEY_ID: optional(z.string().min(1)),
    S3_SECRET_ACCESS_KEY: optional(z.string().min(1)),
    /** `true`: http://endpoint/bucket/key (MinIO and most self-hosted stores); default true when S3_ENDPOINT is set. */
    S3_FORCE_PATH_STYLE: optional(z.enum(['true', 'false'], 'true or false').transform((value) => value === 'true')),
    /** Key prefix for everything this deployment stores, so one bucket can hold several (a `/` is added). */
    S3_PREFIX: optional(
      z.string().regex(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*\/?$/, 'letters, digits, _ . - in /-separated segments'),
    ),
    /** Memory the preview server keeps published files in (LRU), in MiB. */
    PREVIEW_CACHE_MB: withDefault(z.coerce.number().int().min(1).max(65_536), 64),
    /** How long the preview server waits for storage on a cache miss before it answers 503 with Retry-After. */
    PREVIEW_READ_TIMEOUT_MS: withDefault(z.coerce.number().int().min(100).max(60_000), 3000),
    /** Days a preview stays online. */
    PREVIEW_TTL_DAYS: withDefault(z.coerce.number().int().min(1).max(3650), 30),
    /** Versions one site keeps; publishing one more removes the oldest (never the live one). */
    PREVIEW_MAX_VERSIONS: withDefault(z.coerce.number().int().min(1).max(1000), 20),
    /** `path`: previews at PREVIEW_BASE_URL/p/<id>/; `subdomain`: each at https://<id>.<PREVIEW_BASE_URL host>/ (its own origin). */
    PREVIEW_HOST_MODE: withDefault(z.enum(['path', 'subdomain']), 'path'),
    /** Where the embedded database lives when DATABASE_URL is unset. */
    DATA_DIR: withDefault(z.string().min(1), './data'),
    /** Providers in failover order: the first serves, the next ones step in when it is down or rate-limited. */
    AI_PROVIDER: withDefault(providerList, 'mock'),
    /** Key, model and endpoint of the first provider in AI_PROVIDER, unless its own variables below are set. */
    AI_API_KEY: optional(z.string().min(1)),
    AI_MODEL: optional(z.string().min(1)),
    AI_BASE_URL: optional(url),
    OPENAI_API_KEY: optional(z.string().min(1)),
    OPENAI_MODEL: optional(z.string().min(1)),
    OPENAI_BASE_URL: optional(url),
    GEMINI_API_KEY: optional(z.string().min(1)),
    GEMINI_MODEL: optional(z.string().min(1)),
    GEMINI_BASE_URL: optional(url),
    /** Price overrides (USD per million tokens) on top of worker/generate/prices.ts, for cost estimates. */
    AI_PRICES_JSON: optional(pricesJson),
    /** Milliseconds one provider call may take before it is aborted and retried. */
    AI_TIMEOUT_MS: withDefault(z.coerce.number().int().min(1000).max(600_000), 120_000),
    /**
     * How long the mock provider takes to stream its answer, in ms, so a local run shows the progress
     * stages a real model goes through; 0 answers at once (tests). Must stay below AI_TIMEOUT_MS.
     */
    MOCK_DELAY_MS: withDefault(z.coerce.number().int().min(0).max(60_000), 6000),
    MAX_RETRIES: withDefault(z.coerce.number().int().min(1).max(20), 5),
    /** First retry delay; each later retry waits four times longer. */
    RETRY_BASE_DELAY_MS: withDefault(z.coerce.number().int().min(10).max(600_000), 2000),
    /** Longest prompt accepted from chat, in characters. */
    MAX_PROMPT_CHARS: withDefault(z.coerce.number().int().min(10).max(20_000), 2000),
    /** Per-user limits on new sites (restores are free): jobs in the last hour, the last 24 hours, and unfinished at once. 0 = no limit. */
    QUOTA_JOBS_PER_HOUR: withDefault(z.coerce.number().int().min(0).max(100_000), 10),
    QUOTA_JOBS_PER_DAY: withDefault(z.coerce.number().int().min(0).max(100_000), 30),
    QUOTA_RUNNING_JOBS: withDefault(z.coerce.number().int().min(0).max(1000), 1),
    /** Restores and regenerations one user may ask for in any 60 minutes. 0 = no limit. */
    QUOTA_RESTORES_PER_HOUR: withDefault(z.coerce.number().int().min(0).max(100_000), 30),
    /** MiB of published versions one user's sites may hold, admins included. 0 = no limit. */
    QUOTA_STORAGE_MB: withDefault(z.coerce.number().int().min(0).max(1_000_000), 50),
    /** Messages to the bot and button taps one chat may make per minute; beyond, a short "slow down" and nothing else. 0 = no limit. */
    CHAT_ACTIONS_PER_MINUTE: withDefault(z.coerce.number().int().min(0).max(100_000), 20),
    /** Telegram user ids (comma-separated) that no quota applies to. */
    ADMIN_USER_IDS: withDefault(userIdList, ''),
    /** Jobs one worker process runs at the same time (RabbitMQ prefetch). */
    WORKER_CONCURRENCY: withDefault(z.coerce.number().int().min(1).max(64), 4),
    /**
     * A worker's claim on a job lasts this long and is renewed every third of it while the job runs;
     * a job whose worker died (stopped renewing) is taken over once the lease lapses.
     */
    JOB_LEASE_MS: withDefault(z.coerce.number().int().min(3000).max(600_000), 15_000),
    /** On SIGTERM, how long jobs in flight may run on before they are aborted and handed back to the queue. */
    SHUTDOWN_GRACE_MS: withDefault(z.coerce.number().int().min(0).max(600_000), 25_000),
    /**
     * `on`: a worker hands a finished site's final message to the renderer role (a picture of the
     * page with the link) when a renderer consumes the render queue; `off`: the link alone, always.
     */
    SCREENSHOTS: withDefault(onOff, 'on'),
    /** The Chromium (or Chrome) binary the renderer drives. */
    CHROMIUM_PATH: withDefault(z.string().min(1), '/usr/bin/chromium'),
    /** Where the renderer loads previews from (the preview origin as it reaches it); unset → PREVIEW_BASE_URL. */
    RENDER_BASE_URL: optional(url),
    /** Longest one render (both widths, screenshots and the quality check) may take; then the link goes alone. */
    RENDER_TIMEOUT_MS: withDefault(z.coerce.number().int().min(500).max(120_000), 10_000),
    /** How long a worker waits for the renderer before it sends the link alone (a renderer that died). */
    RENDER_DEADLINE_MS: withDefault(z.coerce.number().int().min(1000).max(600_000), 30_000),
    /** Renders one renderer process runs at once (pages of its one browser; RabbitMQ prefetch). */
    RENDERER_CONCURRENCY: withDefault(z.coerce.number().int().min(1).max(16), 4),
    /** The browser's memory (all its processes, proportional set size) above which the renderer restarts it after a render, in MiB. */
    RENDERER_BROWSER_MB: withDefault(z.coerce.number().int().min(64).max(16_384), 768),
    API_PORT: withDefault(port, 8000),
    PREVIEW_PORT: withDefault(port, 8001),
    /** The worker's own small HTTP port: /health, /ready, /metrics. */
    WORKER_PORT: withDefault(port, 8002),
    /** The preview service's /metrics, on a port of its own: the preview origin serves only previews and /health. */
    PREVIEW_METRICS_PORT: withDefault(port, 8003),
    /** Address the HTTP servers bind to. */
    LISTEN_HOST: withDefault(z.string().min(1), '0.0.0.0'),
    LOG_LEVEL: withDefault(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
    LOG_FORMAT: withDefault(z.enum(['json', 'pretty']), 'json'),
  })
  .superRefine((env, ctx) => {
    // A preview id goes in front of the host name: an IP address has no names under it.
    if (
      env.PREVIEW_HOST_MODE === 'subdomain' &&
      env.PREVIEW_BASE_URL &&
      /^\[|^[\d.]+$/.test(new URL(env.PREVIEW_BASE_URL).hostname)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['PREVIEW_BASE_URL'],
        message: 'must name a domain, not an IP address, when PREVIEW_HOST_MODE=subdomain',
      });
    }
    if (env.PREVIEW_STORAGE === 's3' && !env.S3_BUCKET)
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'required when PREVIEW_STORAGE=s3' });
    if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'],
        message: 'set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY together (or neither, for the AWS credential chain)',
      });
    }
    // A webhook is reachable from anywhere, so it needs the secret; with a token and no WEBHOOK_URL the
    // api fetches updates by long polling and the webhook accepts this machine only.
    if (env.TELEGRAM_BOT_TOKEN && env.WEBHOOK_URL && !env.TELEGRAM_SECRET_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['TELEGRAM_SECRET_TOKEN'],
        message: 'required when TELEGRAM_BOT_TOKEN and WEBHOOK_URL are set (Telegram sends it with every webhook call)',
      });
    }
    // A mock call that outlasts the provider timeout would be aborted and retried forever.
    if (env.AI_PROVIDER.includes('mock') && env.MOCK_DELAY_MS >= env.AI_TIMEOUT_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['MOCK_DELAY_MS'],
        message: 'must be below AI_TIMEOUT_MS (the mock call would time out)',
      });
    }
    env.AI_PROVIDER.forEach((name, index) => {
      if (name === 'mock') return;
      const prefix = REAL_PROVIDERS[name];
      if (env[`${prefix}_API_KEY`] || (index === 0 && env.AI_API_KEY)) return;
      ctx.addIssue(
        index === 0
          ? {
              code: 'custom',
              path: ['AI_API_KEY'],
              message: `required when AI_PROVIDER=${env.AI_PROVIDER.join(',')} (or set ${prefix}_API_KEY)`,
            }
          : {
              code: 'custom',
              path: [`${prefix}_API_KEY`],
              message: `required when AI_PROVIDER lists ${name} (AI_API_KEY covers only the first provider)`,
            },
      );
    });
  });

export type Env = z.output<typeof envSchema>;
