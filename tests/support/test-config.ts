import { pino } from 'pino';
import { loadConfig, type Config } from '../../shared/config/index.ts';
import type { Logger } from '../../shared/log/index.ts';

/** Config as the app would parse it from this environment; loopback, port 0, quiet logs. */
export function testConfig(env: Record<string, string | undefined>): Config {
  return loadConfig({ LISTEN_HOST: '127.0.0.1', API_PORT: '0', PREVIEW_PORT: '0', LOG_LEVEL: 'silent', ...env });
}

/** Logs go nowhere unless TEST_LOG_LEVEL is set (then to stdout, to debug a failing test). */
export function testLogger(): Logger {
  return pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
}
