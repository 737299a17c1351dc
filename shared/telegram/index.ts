import { autoRetry } from '@grammyjs/auto-retry';
import { Api, Bot, type Context, type Transformer } from 'grammy';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { UserFromGetMe } from 'grammy/types';
import type { Config } from '../config/index.ts';
import type { Logger } from '../log/index.ts';
import { sendRateLimit } from './send-rate-limit.ts';

/** Stand-in identity when no TELEGRAM_BOT_TOKEN is configured (local runs). */
const LOCAL_TOKEN = '0:local';
const LOCAL_BOT_INFO: UserFromGetMe = {
  id: 0,
  is_bot: true,
  first_name: 'AI Orchestrator (local)',
  username: 'local_orchestrator_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

type TelegramConfig = Pick<Config, 'telegram'>;

/**
 * The Bot API client used to talk to chats. With a database, sends are spaced to Telegram's limits
 * across all workers; every call retries 429 (honouring retry_after), 5xx and network errors a
 * bounded number of times — never a 403 (the user blocked the bot). Without a token, calls are
 * answered locally and logged.
 */
export function createTelegramApi(config: TelegramConfig, log: Logger, options: { db?: Kysely<Database> } = {}): Api {
  const api = new Api(config.telegram.botToken ?? LOCAL_TOKEN, { apiRoot: config.telegram.apiRoot });
  if (!config.telegram.botToken) {
    api.config.use(localChat(log));
    return api;
  }
  // Installed in this order, auto-retry wraps the limiter: a retried call waits for a new slot too.
  if (options.db) api.config.use(sendRateLimit(options.db));
  api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 }));
  return api;
}

/**
 * The grammY bot that parses incoming updates. With a token it learns its identity with getMe
 * (through TELEGRAM_API_ROOT); without one it uses a local identity and never calls out.
 */
export async function createBot<C extends Context = Context>(
  config: TelegramConfig,
  log: Logger,
  options: { canUseWebhookReply?: (method: string) => boolean } = {},
): Promise<Bot<C>> {
  const client = { apiRoot: config.telegram.apiRoot, canUseWebhookReply: options.canUseWebhookReply };
  if (!config.telegram.botToken) {
    const bot = new Bot<C>(LOCAL_TOKEN, { botInfo: LOCAL_BOT_INFO, client });
    bot.api.config.use(localChat(log));
    return bot;
  }
  const bot = new Bot<C>(config.telegram.botToken, { client });
  await bot.init();
  return bot;
}

/**
 * Answers Bot API calls in-process when there is no bot to talk through: outgoing chat text goes to
 * the log, and each call gets a well-formed result so the pipeline runs exactly as in production.
 */
function localChat(log: Logger): Transformer {
  let nextMessageId = 1;
  return async (_prev, method, payload) => {
    const p = payload as Record<string, unknown>;
    if ('text' in p || 'caption' in p) {
      log.info({ method, chatId: p.chat_id, text: p.text ?? p.caption }, 'chat message (local mode: no TELEGRAM_BOT_TOKEN)');
    }
    const message = { message_id: nextMessageId++, date: Math.floor(Date.now() / 1000), chat: { id: p.chat_id, type: 'private' }, text: p.text };
    const result = method === 'getMe' ? LOCAL_BOT_INFO : method.startsWith('send') || method.startsWith('edit') ? message : true;
    return { ok: true, result } as never;
  };
}
