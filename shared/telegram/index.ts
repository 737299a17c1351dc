import { autoRetry } from '@grammyjs/auto-retry';
import { Api, Bot, type Context } from 'grammy';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Config } from '../config/index.ts';
import type { Logger } from '../log/index.ts';
import { countApiCalls, telegramCallMetrics } from './count-api-calls.ts';
import { answerLocally, LOCAL_BOT_INFO, LOCAL_TOKEN, standInBotApi, type LocalBotApi } from './local-bot-api.ts';
import { sendRateLimit } from './send-rate-limit.ts';

type TelegramConfig = Pick<Config, 'telegram'>;

export type { LocalBotApi };

export interface TelegramApiOptions {
  /** With a database, sends are spaced to Telegram's limits across every process. */
  db?: Kysely<Database>;
  /** Without a bot token: who answers the calls in-process (default: stand-ins, see local-bot-api.ts). */
  local?: LocalBotApi;
}

/**
 * The Bot API client used to talk to chats. With a database, sends are spaced to Telegram's limits
 * across all workers; every call retries 429 (honouring retry_after), 5xx and network errors a
 * bounded number of times — never a 403 (the user blocked the bot). Without a token, calls are
 * answered in-process by `options.local` (the api's local chat page passes its conversation).
 */
export function createTelegramApi(config: TelegramConfig, log: Logger, options: TelegramApiOptions = {}): Api {
  const api = new Api(config.telegram.botToken ?? LOCAL_TOKEN, { apiRoot: config.telegram.apiRoot });
  if (!config.telegram.botToken) {
    api.config.use(answerLocally(log, options.local ?? standInBotApi()));
    return api;
  }
  // Installed in this order, auto-retry wraps the limiter: a retried call waits for a new slot too.
  api.config.use(countApiCalls(telegramCallMetrics)); // innermost: counts each HTTP request, retries too
  if (options.db) api.config.use(sendRateLimit(options.db));
  api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 }));
  return api;
}

/**
 * The grammY bot that routes incoming updates to their handlers. With a token it learns its
 * identity with getMe (through TELEGRAM_API_ROOT); without one it uses a local identity and never
 * calls out (`options.local` answers, as in createTelegramApi). Its own client sends nothing for the
 * handlers (the api records their calls and sends them through createTelegramApi's client once
 * their batch committed).
 */
export async function createBot<C extends Context = Context>(
  config: TelegramConfig,
  log: Logger,
  options: { local?: LocalBotApi } = {},
): Promise<Bot<C>> {
  const client = { apiRoot: config.telegram.apiRoot };
  if (!config.telegram.botToken) {
    const bot = new Bot<C>(LOCAL_TOKEN, { botInfo: LOCAL_BOT_INFO, client });
    bot.api.config.use(answerLocally(log, options.local ?? standInBotApi()));
    return bot;
  }
  const bot = new Bot<C>(config.telegram.botToken, { client });
  await bot.init();
  return bot;
}
