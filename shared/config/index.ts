import { existsSync } from 'node:fs';
import { envSchema, type Env, type ProviderName } from './schema.ts';

export type { ProviderName };

/** One AI provider's settings: its own variables (OPENAI_*, GEMINI_*), else AI_* if it is listed first. */
export interface AiProviderSettings {
  name: ProviderName;
  apiKey: string | undefined;
  /** Unset → the adapter's default model. */
  model: string | undefined;
  /** Unset → the vendor's own endpoint. */
  baseUrl: string | undefined;
}

/** USD per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

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
    /** WEBHOOK_URL: where `ops webhook set` points Telegram when no --url is given. */
    webhookUrl: string | undefined;
  };
  preview: {
    baseUrl: string;
    /** PREVIEW_STORAGE and its settings: where published sites live. */
    storage: PreviewStorageConfig;
    port: number;
    metricsPort: number;
    ttlDays: number;
    /** PREVIEW_MAX_VERSIONS: versions a site keeps; older ones are removed (never the live one). */
    maxVersions: number;
    hostMode: Env['PREVIEW_HOST_MODE'];
    /** PREVIEW_CACHE_MB in bytes: the preview server's memory for published files. */
    cacheBytes: number;
    /** PREVIEW_READ_TIMEOUT_MS: longest wait for storage on a cache miss before a 503. */
    readTimeoutMs: number;
  };
  ai: {
    /** AI_PROVIDER: provider names in failover order; the first is preferred. */
    provider: ProviderName[];
    /** Settings of each provider in `provider`, same order. */
    providers: AiProviderSettings[];
    /** Longest one provider call may take (AI_TIMEOUT_MS). */
    timeoutMs: number;
    /** AI_PRICES_JSON: per-model prices that replace or extend the default table. */
    prices: Record<string, ModelPrice>;
    /** MOCK_DELAY_MS: how long the mock provider's answer takes to stream in (0 = at once). */
    mockDelayMs: number;
  };
  jobs: {
    maxRetries: number;
    retryBaseDelayMs: number;
    concurrency: number;
    maxPromptChars: number;
    /** JOB_LEASE_MS: how long a worker's claim on a job lasts; renewed every third of it while it runs. */
    leaseMs: number;
  };
  /**
   * Per-user limits on new jobs, and CHAT_ACTIONS_PER_MINUTE (messages to the bot and button taps
   * per chat, admins included); 0 = no limit. Admins have no job quotas.
   */
  quotas: {
    jobsPerHour: number;
    jobsPerDay: number;
    runningJobs: number;
    /** QUOTA_RESTORES_PER_HOUR: restores and regenerations per user in any 60 minutes. */
    restoresPerHour: number;
    /** QUOTA_STORAGE_MB in bytes: what one user's published versions may take, admins included. */
    storageBytes: number;
    adminUserIds: number[];
    chatActionsPerMinute: number;
  };
  /** On SIGTERM: how long jobs in flight may finish before they are aborted and requeued (ms). */
  shutdownGraceMs: number;
  api: { port: number };
  /** WORKER_PORT: the worker's /health, /ready and /metrics. */
  worker: { port: number };
  /** The renderer role: pictures of published pages and their quality check. */
  renderer: RendererConfig;
  listenHost: string;
  log: { level: Env['LOG_LEVEL']; format: Env['LOG_FORMAT'] };
}

export interface RendererConfig {
  /** SCREENSHOTS: false → workers send the link alone and never wait for a picture. */
  screenshots: boolean;
  /** CHROMIUM_PATH. */
  chromiumPath: string;
  /** RENDER_BASE_URL, else PREVIEW_BASE_URL: the preview origin as the renderer reaches it. */
  baseUrl: string;
  /** RENDER_TIMEOUT_MS: one render, both widths and the check. */
  timeoutMs: number;
  /** RENDER_DEADLINE_MS: how long a worker waits for a picture before it sends the link alone. */
  deadlineMs: number;
  /** RENDERER_CONCURRENCY: renders at once, each on a page of the one browser. */
  concurrency: number;
  /** RENDERER_BROWSER_MB in bytes: above this, the browser is restarted after the render. */
  browserMaxBytes: number;
}

/** PREVIEW_STORAGE=fs: a folder shared by the roles (a volume). */
export interface FsStorageConfig {
  kind: 'fs';
  /** PREVIEWS_DIR. */
  dir: string;
}

/** PREVIEW_STORAGE=s3: a bucket of an S3-compatible store. */
export interface S3StorageConfig {
  kind: 's3';
  /** S3_ENDPOINT; unset → AWS S3. */
  endpoint: string | undefined;
  bucket: string;
  region: string;
  /** S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY; unset → the AWS SDK's credential chain. */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
  forcePathStyle: boolean;
  /** S3_PREFIX with a trailing `/`, or '' when unset. */
  prefix: string;
}

export type PreviewStorageConfig = FsStorageConfig | S3StorageConfig;

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
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const previewBaseUrl = (e.PREVIEW_BASE_URL ?? defaultPreviewBaseUrl(e.PREVIEW_PORT)).replace(/\/+$/, '');
  return {
    databaseUrl: e.DATABASE_URL,
    rabbitmqUrl: e.RABBITMQ_URL,
    queuePrefix: e.QUEUE_PREFIX,
    dataDir: e.DATA_DIR,
    telegram: {
      botToken: e.TELEGRAM_BOT_TOKEN,
      secretToken: e.TELEGRAM_SECRET_TOKEN,
      apiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
      webhookUrl: e.WEBHOOK_URL,
    },
    preview: {
      baseUrl: previewBaseUrl,
      storage: previewStorage(e),
      port: e.PREVIEW_PORT,
      metricsPort: e.PREVIEW_METRICS_PORT,
      ttlDays: e.PREVIEW_TTL_DAYS,
      maxVersions: e.PREVIEW_MAX_VERSIONS,
      hostMode: e.PREVIEW_HOST_MODE,
      cacheBytes: e.PREVIEW_CACHE_MB * 1024 * 1024,
      readTimeoutMs: e.PREVIEW_READ_TIMEOUT_MS,
    },
    ai: {
      provider: e.AI_PROVIDER,
      providers: providerSettings(e),
      timeoutMs: e.AI_TIMEOUT_MS,
      prices: e.AI_PRICES_JSON ?? {},
      mockDelayMs: e.MOCK_DELAY_MS,
    },
    jobs: {
      maxRetries: e.MAX_RETRIES,
      retryBaseDelayMs: e.RETRY_BASE_DELAY_MS,
      concurrency: e.WORKER_CONCURRENCY,
      maxPromptChars: e.MAX_PROMPT_CHARS,
      leaseMs: e.JOB_LEASE_MS,
    },
    quotas: {
      jobsPerHour: e.QUOTA_JOBS_PER_HOUR,
      jobsPerDay: e.QUOTA_JOBS_PER_DAY,
      runningJobs: e.QUOTA_RUNNING_JOBS,
      restoresPerHour: e.QUOTA_RESTORES_PER_HOUR,
      storageBytes: e.QUOTA_STORAGE_MB * 1024 * 1024,
      adminUserIds: e.ADMIN_USER_IDS,
      chatActionsPerMinute: e.CHAT_ACTIONS_PER_MINUTE,
    },
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    api: { port: e.API_PORT },
    worker: { port: e.WORKER_PORT },
    renderer: {
      screenshots: e.SCREENSHOTS,
      chromiumPath: e.CHROMIUM_PATH,
      baseUrl: e.RENDER_BASE_URL?.replace(/\/+$/, '') ?? previewBaseUrl,
      timeoutMs: e.RENDER_TIMEOUT_MS,
      deadlineMs: e.RENDER_DEADLINE_MS,
      concurrency: e.RENDERER_CONCURRENCY,
      browserMaxBytes: e.RENDERER_BROWSER_MB * 1024 * 1024,
    },
    listenHost: e.LISTEN_HOST,
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT },
  };
}

function previewStorage(e: Env): PreviewStorageConfig {
  if (e.PREVIEW_STORAGE === 'fs')
    return { kind: 'fs', dir: e.PREVIEWS_DIR ?? `${e.DATA_DIR.replace(/\/+$/, '')}/previews` };
  return {
    kind: 's3',
    endpoint: e.S3_ENDPOINT,
    // The schema requires a bucket with PREVIEW_STORAGE=s3.
    bucket: e.S3_BUCKET!,
    region: e.S3_REGION,
    credentials:
      e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
        : undefined,
    forcePathStyle: e.S3_FORCE_PATH_STYLE ?? e.S3_ENDPOINT !== undefined,
    prefix: e.S3_PREFIX === undefined ? '' : e.S3_PREFIX.replace(/\/?$/, '/'),
  };
}

/**
 * Where the preview server is reached on this machine: `localhost` names a host in both host modes
 * (browsers resolve `<previewId>.localhost` to loopback too, so subdomain mode works locally), and
 * the port is the one it listens on.
 */
function defaultPreviewBaseUrl(port: number): string {
  return `http://localhost:${port}`;
}

/** The AI_* variables stand in for the first provider's own ones, so a one-provider setup needs only AI_*. */
function providerSettings(e: Env): AiProviderSettings[] {
  return e.AI_PROVIDER.map((name, index) => {
    const own =
      name === 'openai'
        ? { apiKey: e.OPENAI_API_KEY, model: e.OPENAI_MODEL, baseUrl: e.OPENAI_BASE_URL }
        : name === 'gemini'
          ? { apiKey: e.GEMINI_API_KEY, model: e.GEMINI_MODEL, baseUrl: e.GEMINI_BASE_URL }
          : { apiKey: undefined, model: undefined, baseUrl: undefined };
    if (index > 0 || name === 'mock') return { name, ...own };
    return {
      name,
      apiKey: own.apiKey ?? e.AI_API_KEY,
      model: own.model ?? e.AI_MODEL,
      baseUrl: own.baseUrl ?? e.AI_BASE_URL,
    };
  });
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
    return exitOnConfigError(error);
  }
}

/**
 * For entry points, around what checks configuration against the world at start (the preview
 * storage's bucket): a ConfigError prints one line per problem and exits 1, like loadConfigOrExit;
 * anything else is thrown on.
 */
export function exitOnConfigError(error: unknown): never {
  if (!(error instanceof ConfigError)) throw error;
  for (const problem of error.problems) process.stderr.write(`config: ${problem}\n`);
  process.exit(1);
}
