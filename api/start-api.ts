import type { Kysely } from 'kysely';
import type { Config } from '../shared/config/index.ts';
import type { Database } from '../shared/db/schema.ts';
import type { Logger } from '../shared/log/index.ts';
import { openPreviewStorage } from '../shared/previews/index.ts';
import type { JobQueue } from '../shared/queue/index.ts';
import { setBotProfile } from '../shared/telegram/bot-profile.ts';
import { createBot, createTelegramApi } from '../shared/telegram/index.ts';
import { buildApiApp } from './app.ts';
import { createChatAdmins } from './bot/chat-admins.ts';
import { installHandlers, type BotContext } from './bot/handlers.ts';
import { registerCommands } from './bot/register-commands.ts';
import { createChatTasks } from './chat-tasks.ts';
import { startInboxProcessor } from './inbox/process-inbox.ts';
import { createInboxWriter } from './inbox/record-updates.ts';
import { LocalChat } from './local-chat/local-chat.ts';
import { createLongPolling } from './long-polling/long-polling.ts';
import { startOutboxRelay } from './outbox/relay.ts';

/**
 * Starts the api; resolves once listening. Updates arrive on the webhook (with a bot token but no
 * WEBHOOK_URL also by long polling; without a token from the local chat page, `chatPageUrl`) and go
 * into the inbox (group commit); the inbox processor runs them through the bot in batches, writing
 * jobs and their outbox rows; the outbox relay publishes those. `close` is the graceful shutdown:
 * polling stops, /ready turns 503 at once, the server stops accepting and finishes the requests it
 * has (each answered once its update is durable, or 5xx), the processor finishes its batch in
 * flight, and the relay its. Whatever is left stays in the inbox and the outbox for the next
 * process, here or elsewhere.
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
  const bot = await createBot<BotContext>(config, log, { local: localChat });
  const telegram = createTelegramApi(config, log, { db: deps.db, local: localChat });
  // The bot's answers to what a user just did go out at once, as replies to a webhook call would.
  const answers = createTelegramApi(config, log, { local: localChat });
  const tasks = createChatTasks(log);
  const relay = startOutboxRelay({ db: deps.db, queue: deps.queue, log: log.child({ unit: 'outbox-relay' }) });
  installHandlers(bot, {
    telegram,
    maxPromptChars: config.jobs.maxPromptChars,
    quotas: config.quotas,
    preview: { baseUrl: config.preview.baseUrl, hostMode: config.preview.hostMode, storage },
    chatAdmins: createChatAdmins(answers, log),
  });
  const processor = startInboxProcessor({
    db: deps.db,
    bot,
    telegram,
    answers,
    tasks,
    log: log.child({ unit: 'inbox' }),
    quotas: config.quotas,
    onJobsQueued: () => relay.wake(),
  });
  const inbox = createInboxWriter({ db: deps.db, onCommitted: (updateIds) => processor.take(updateIds) });
  const polling =
    config.telegram.botToken && !config.telegram.webhookUrl
      ? createLongPolling(config, { me: bot.botInfo, inbox, log })
      : undefined;
  if (config.telegram.botToken) void tasks.run('commands', () => registerCommands(telegram));
  // A webhook deployment sets its profile with `ops webhook set`; a polling one has no such step.
  if (polling) void tasks.run('profile', () => setBotProfile(telegram));
  let shuttingDown = false;
  const app = await buildApiApp({
    ...deps,
    log,
    inbox,
    secretToken: config.telegram.secretToken,
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
      await inbox.close();
      await processor.close();
      await tasks.drain();
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
