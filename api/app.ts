import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { Bot } from 'grammy';
import type { Kysely } from 'kysely';
import type { Database } from '../shared/db/schema.ts';
import { healthRoutes } from '../shared/health/health-routes.ts';
import type { Logger } from '../shared/log/index.ts';
import type { JobQueue } from '../shared/queue/index.ts';
import type { BotContext } from './bot/handlers.ts';
import type { LocalChat } from './local-chat/local-chat.ts';
import { localChatRoutes } from './local-chat/routes.ts';
import { apiMetricsRoutes } from './metrics/routes.ts';
import { webhookRoute } from './webhook/route.ts';

export interface ApiDeps {
  db: Kysely<Database>;
  queue: JobQueue;
  bot: Bot<BotContext>;
  log: Logger;
  secretToken: string | undefined;
  onRecorded: () => void;
  /** True once shutdown began (/ready answers 503); default never. */
  isShuttingDown?: () => boolean;
  /** Runs without a bot token: the conversation the local chat page (/chat) shows and drives. */
  localChat?: LocalChat;
}

/** The api's HTTP surface, without listen, so tests inject requests or listen on port 0. */
export async function buildApiApp(deps: ApiDeps): Promise<FastifyInstance> {
  // Typed as Fastify's logger, so the instance is a plain FastifyInstance.
  const logger: FastifyBaseLogger = deps.log;
  const app = Fastify({ loggerInstance: logger });
  app.setErrorHandler(answerErrors);
  await app.register(healthRoutes, {
    db: deps.db,
    queue: deps.queue,
    isShuttingDown: deps.isShuttingDown ?? (() => false),
  });
  await app.register(apiMetricsRoutes, { db: deps.db });
  await app.register(webhookRoute, { bot: deps.bot, secretToken: deps.secretToken, onRecorded: deps.onRecorded });
  if (deps.localChat)
    await app.register(localChatRoutes, { chat: deps.localChat, db: deps.db, secretToken: deps.secretToken });
  return app;
}

/** Client mistakes get their reason; our failures get a generic 5xx (Telegram will retry) and a log line. */
function answerErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode ?? 500;
  if (status < 500) return reply.code(status).send({ error: error.code ?? 'bad_request', message: error.message });
  request.log.error({ err: error }, 'request failed');
  return reply.code(503).send({ error: 'unavailable', message: 'could not record the update; try again' });
}
