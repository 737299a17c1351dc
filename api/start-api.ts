import type { Kysely } from 'kysely';
import type { Config } from '../shared/config/index.ts';
import type { Database } from '../shared/db/schema.ts';
import type { Logger } from '../shared/log/index.ts';
import { openPreviewStorage } from '../shared/previews/index.ts';
import type { JobQueue } from '../shared/queue/index.ts';
import { setBotProfile } from '../shared/telegram/bot-profile.ts';
import { createBot, createTelegramApi } from '../shared/telegram/index.ts';
import { buildApiApp } from './app.ts';
import { createBackgroundTasks } from './background-tasks.ts';
import { installHandlers, type BotContext } from './bot/handlers.ts';
import { registerCommands } from './bot/register-commands.ts';
import { LocalChat } from './local-chat/local-chat.ts';
import { createLongPolling } from './long-polling/long-polling.ts';
import { startOutboxRelay } from './outbox/relay.ts';

/**
 * Starts the webhook server and the outbox relay; resolves once listening. Updates arrive on the
 * webhook; with a bot token but no WEBHOOK_URL the api also fetches them by long polling, and
 * without a token it serves the local chat page (`chatPageUrl`), which posts to the webhook.
 * `close` is the graceful shutdown: polling stops, /ready turns 503 at once, the server stops
 * accepting and finishes the requests it has (each commits its update, job and outbox row, or
 * answers 5xx), then the relay stops after its batch in flight. Rows it did not publish stay in the
 * outbox for the next relay, here or elsewhere.
 *
 * `deps.localChat`: without a bot token, the conversation the chat page shows; pass the one the
 * worker in this process answers into (npm start), or the api makes its own.
 */
export async function startApi(
  config: Config,
  deps: { db: Kysely<Database>; queue: JobQueue; log: Logger; localChat?: LocalChat },
) {
  const log = deps.log.child({ service: 'api' });
  if (!config.telegram.secretToken)
    log.warn('TELEGRAM_SECRET_TOKEN is not set: the webhook accepts requests from this machine only');

  // Read only: the .zip downloads. First, so a missing bucket stops the start before anything runs.
  const storage = await openPreviewStorage(config.preview.storage);
  const localChat = config.telegram.botToken ? undefined : (deps.localChat ?? new LocalChat());
  // Short answers ride on the webhook response: help, "text only", answers to button taps.
  const bot = await createBot<BotContext>(config, log, {
    canUseWebhookReply: (method) => method === 'sendMessage' || method === 'answerCallbackQuery',
    local: localChat,
  });
  const telegram = createTelegramApi(config, log, { db: deps.db, local: localChat });
  const background = createBackgroundTasks(log);
  const relay = startOutboxRelay({ db: deps.db, queue: deps.queue, log: log.child({ unit: 'outbox-relay' }) });
  // Before the handlers: it wakes the relay after each update, as the webhook route does.
  const polling =
    config.telegram.botToken && !config.telegram.webhookUrl
      ? createLongPolling(bot, { log, onRecorded: () => relay.wake() })
      : undefined;
  installHandlers(bot, {
    db: deps.db,
    telegram,
    background,
    maxPromptChars: config.jobs.maxPromptChars,
    quotas: config.quotas,
    preview: { baseUrl: config.preview.baseUrl, hostMode: config.preview.hostMode, storage },
  });
  if (config.telegram.botToken) background.run(() => registerCommands(telegram));
  // A webhook deployment sets its profile with `ops webhook set`; a polling one has no such step.
  if (polling) background.run(() => setBotProfile(telegram));
  let shuttingDown = false;
  const app = await buildApiApp({
    ...deps,
    log,
    bot,
    secretToken: config.telegram.secretToken,
    onRecorded: () => relay.wake(),
    isShuttingDown: () => shuttingDown,
    localChat,
  });

  const url = await app.listen({ host: config.listenHost, port: config.api.port });
  polling?.start();
  const updates = polling ? 'long polling' : config.telegram.botToken ? 'webhook' : 'local chat page';
  log.info({ url, updates }, `api listening; updates arrive by ${updates}`);
  return {
    url,
    /** Without a bot token: where a person on this machine chats with the bot. */
    chatPageUrl: localChat ? chatPageUrl(url) : undefined,
    async close() {
      shuttingDown = true;
      await polling?.stop();
      await app.close();
      await background.drain();
      await relay.close();
      await storage.close();
    },
  };
}

/** The chat page on this machine, also when the api listens on every address. */
function chatPageUrl(listening: string): string {
  const url = new URL('/chat', listening);
  if (url.hostname === '0.0.0.0' || url.hostname === '[::]') url.hostname = '127.0.0.1';
  return url.href;
}
