import type { Kysely } from 'kysely';
import type { Config } from '../shared/config/index.ts';
import type { Database } from '../shared/db/schema.ts';
import type { Logger } from '../shared/log/index.ts';
import type { JobQueue } from '../shared/queue/index.ts';
import { createBot } from '../shared/telegram/index.ts';
import { buildApiApp } from './app.ts';
import { installHandlers, type BotContext } from './bot/handlers.ts';
import { startOutboxRelay } from './outbox/relay.ts';

/**
 * Starts the webhook server and the outbox relay; resolves once listening. `close` is the graceful
 * shutdown: /ready turns 503 at once, the server stops accepting and finishes the requests it has
 * (each commits its update, job and outbox row, or answers 5xx), then the relay stops after its
 * batch in flight. Rows it did not publish stay in the outbox for the next relay, here or elsewhere.
 */
export async function startApi(config: Config, deps: { db: Kysely<Database>; queue: JobQueue; log: Logger }) {
  const log = deps.log.child({ service: 'api' });
  if (!config.telegram.secretToken) log.warn('TELEGRAM_SECRET_TOKEN is not set: the webhook accepts requests from this machine only');

  // Only sendMessage rides on the webhook response: short answers such as help or "text only".
  const bot = await createBot<BotContext>(config, log, { canUseWebhookReply: (method) => method === 'sendMessage' });
  installHandlers(bot, { db: deps.db, maxPromptChars: config.jobs.maxPromptChars });
  const relay = startOutboxRelay({ db: deps.db, queue: deps.queue, log: log.child({ unit: 'outbox-relay' }) });
  let shuttingDown = false;
  const app = await buildApiApp({ ...deps, log, bot, secretToken: config.telegram.secretToken, onRecorded: relay.wake, isShuttingDown: () => shuttingDown });

  const url = await app.listen({ host: config.listenHost, port: config.api.port });
  return {
    url,
    async close() {
      shuttingDown = true;
      await app.close();
      await relay.close();
    },
  };
}
