import { pino } from 'pino';
import { loadConfig, type Config } from '../../shared/config/index.ts';
import type { Logger } from '../../shared/log/index.ts';

/**
 * Config as the app would parse it from this environment; loopback, port 0, quiet logs, a mock
 * provider that answers at once, and no per-user quotas (tests of quotas set them), so tests that
 * send many jobs as one user can.
 * A WEBHOOK_URL keeps an api with a bot token in webhook mode (without one it would long-poll the
 * fake Bot API); tests of long polling pass `WEBHOOK_URL: undefined`.
 */
export function testConfig(env: Record<string, string | undefined>): Config {
  const noQuotas = { QUOTA_JOBS_PER_HOUR: '0', QUOTA_JOBS_PER_DAY: '0', QUOTA_RUNNING_JOBS: '0' };
  return loadConfig({
    LISTEN_HOST: '127.0.0.1',
    API_PORT: '0',
    PREVIEW_PORT: '0',
    WORKER_PORT: '0',
    PREVIEW_METRICS_PORT: '0',
    LOG_LEVEL: 'silent',
    // The mock provider answers at once: tests wait on outcomes, not on a show for people.
    MOCK_DELAY_MS: '0',
    WEBHOOK_URL: 'https://api.test.invalid/telegram/webhook',
    ...noQuotas,
    ...env,
  });
}

/** Logs go nowhere unless TEST_LOG_LEVEL is set (then to stdout, to debug a failing test). */
export function testLogger(): Logger {
  return pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
}
