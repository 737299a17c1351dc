import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../shared/db/schema.ts';
import { healthRoutes } from '../shared/health/health-routes.ts';
import type { Logger } from '../shared/log/index.ts';
import type { JobQueue } from '../shared/queue/index.ts';
import type { InboxWriter } from './inbox/record-updates.ts';
import type { LocalChat } from './local-chat/local-chat.ts';
import { localChatRoutes } from './local-chat/routes.ts';
import { apiMetricsRoutes } from './metrics/routes.ts';
import { WEBHOOK_PATH, webhookRoute } from './webhook/route.ts';

export interface ApiDeps {
  db: Kysely<Database>;
  queue: JobQueue;
  /** Where the webhook (and the local chat page) records updates. */
  inbox: InboxWriter;
  log: Logger;
  secretToken: string | undefined;
  /** True once shutdown began (/ready answers 503); default never. */
  isShuttingDown?: () => boolean;
  /** Runs without a bot token: the conversation the local chat page (/chat) shows and drives. */
  localChat?: LocalChat;
}

/** The api's HTTP surface, without listen, so tests inject requests or listen on port 0. */
export async function buildApiApp(deps: ApiDeps): Promise<FastifyInstance> {
  // Typed as Fastify's logger, so the instance is the plain FastifyInstance routes are written for.
  const loggerInstance: FastifyBaseLogger = deps.log;
  const app = Fastify({
    loggerInstance,
    // No "incoming request" / "request completed" lines for webhook calls, two per update: the
    // metrics count them, and the route logs what goes wrong with the update's id.
    logController: new LogController({ disableRequestLogging: (request) => request.routeOptions.url === WEBHOOK_PATH }),
  });
  app.setErrorHandler(answerErrors);
  await app.register(healthRoutes, {
    db: deps.db,
    queue: deps.queue,
    isShuttingDown: deps.isShuttingDown ?? (() => false),
  });
  await app.register(apiMetricsRoutes, { db: deps.db });
  await app.register(webhookRoute, { inbox: deps.inbox, secretToken: deps.secretToken });
  if (deps.localChat) await app.register(localChatRoutes, { chat: deps.localChat, db: deps.db, inbox: deps.inbox });
  return app;
}

/** Client mistakes get their reason; our own failures a generic 5xx and a log line with the cause. */
function answerErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode ?? 500;
  if (status < 500) return reply.code(status).send({ error: error.code ?? 'bad_request', message: error.message });
  request.log.error({ err: error }, 'request failed');
  return reply.code(503).send({ error: 'unavailable', message: 'something failed on our side; try again' });
}
