import { TEST_RABBITMQ_URL } from '../../tests/support/services.ts';

/** The webhook secret every benchmark's api checks (sent as X-Telegram-Bot-Api-Secret-Token). */
export const BENCH_SECRET = 'bench-secret';

/**
 * The environment of an api or worker under benchmark: the run's own database and queue prefix,
 * a bot whose Bot API is a local fake, and no per-user quotas (a burst sends many jobs per chat).
 * WEBHOOK_URL keeps the api in webhook mode (with a token and no webhook URL it would poll the fake);
 * nothing calls it, the load goes straight to the api's port.
 */
export function appEnv(run: {
  databaseUrl: string;
  queuePrefix: string;
  telegramApiRoot: string;
}): Record<string, string> {
  return {
    DATABASE_URL: run.databaseUrl,
    RABBITMQ_URL: TEST_RABBITMQ_URL,
    QUEUE_PREFIX: run.queuePrefix,
    TELEGRAM_BOT_TOKEN: '123456:BENCH',
    TELEGRAM_SECRET_TOKEN: BENCH_SECRET,
    TELEGRAM_API_ROOT: run.telegramApiRoot,
    WEBHOOK_URL: 'https://bench.invalid/telegram/webhook',
    QUOTA_JOBS_PER_HOUR: '0',
    QUOTA_JOBS_PER_DAY: '0',
    QUOTA_RUNNING_JOBS: '0',
  };
}

/** The headers Telegram sends with every webhook call. */
export const webhookHeaders = { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': BENCH_SECRET };
