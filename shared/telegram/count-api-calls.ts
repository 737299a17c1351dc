import type { Transformer } from 'grammy';
import { Counter } from 'prom-client';
import { metricsRegistry } from '../metrics/index.ts';

export interface TelegramCallMetrics {
  requests: Counter<'method' | 'result'>;
  retries: Counter<'method'>;
}

/** This process's Telegram counters: every Api from createTelegramApi counts here. */
export const telegramCallMetrics: TelegramCallMetrics = {
  requests: new Counter({
    name: 'orchestrator_telegram_api_requests_total',
    help: 'HTTP requests to the Telegram Bot API, retries included, by method and result: ok, the error_code Telegram answered (429 = rate limited), or network (no answer).',
    labelNames: ['method', 'result'],
    registers: [metricsRegistry],
  }),
  retries: new Counter({
    name: 'orchestrator_telegram_api_retries_total',
    help: 'Bot API requests that repeat an earlier one of the same call (auto-retry after a 429, a 5xx or a network error), by method.',
    labelNames: ['method'],
    registers: [metricsRegistry],
  }),
};

/**
 * Counts Bot API requests as they go out. Installed first, it is the innermost transformer: it
 * sees every HTTP request, each retry of auto-retry (installed after it, so wrapped around it)
 * included, and none of the waiting. A retry passes the same payload object down again, which is
 * how it is told from a new call.
 */
export function countApiCalls(metrics: TelegramCallMetrics): Transformer {
  const seen = new WeakSet<object>();
  return async (prev, method, payload, signal) => {
    if (typeof payload === 'object' && payload !== null) {
      if (seen.has(payload)) metrics.retries.inc({ method });
      else seen.add(payload);
    }
    try {
      const response = await prev(method, payload, signal);
      metrics.requests.inc({ method, result: response.ok ? 'ok' : String(response.error_code) });
      return response;
    } catch (error) {
      metrics.requests.inc({ method, result: 'network' });
      throw error;
    }
  };
}
