import type { Bot } from 'grammy';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Update } from 'grammy/types';
import type { BotContext } from '../bot/handlers.ts';
import { isSecretValid } from './check-secret.ts';

/** Telegram updates are a few KiB; anything near this is not from Telegram. */
export const WEBHOOK_BODY_LIMIT_BYTES = 256 * 1024;

export const WEBHOOK_PATH = '/telegram/webhook';

/** Only what the webhook itself relies on; grammY reads the rest of the update. */
const updateSchema = z.looseObject({ update_id: z.number().int().nonnegative() });

export interface WebhookRouteOptions {
  bot: Bot<BotContext>;
  /** Unset only in local runs without a bot token: then only loopback callers are accepted. */
  secretToken: string | undefined;
  /** Called after an update was recorded, so the outbox relay publishes right away. */
  onRecorded: () => void;
}

/**
 * POST /telegram/webhook: check the secret (before reading the body), parse and bound the body,
 * record the update through the bot (dedup + job + outbox in one transaction) and answer. The only
 * chat output happens through the webhook reply in this response, so nothing here waits on Telegram
 * or on the AI. Failures to record answer 5xx, so Telegram delivers the update again.
 */
export const webhookRoute: FastifyPluginAsync<WebhookRouteOptions> = async (app, { bot, secretToken, onRecorded }) => {
  app.post(
    WEBHOOK_PATH,
    {
      bodyLimit: WEBHOOK_BODY_LIMIT_BYTES,
      onRequest: async (request, reply) => {
        if (!isAuthorized(request, secretToken)) {
          return reply
            .code(401)
            .send({ error: 'unauthorized', message: 'missing or wrong X-Telegram-Bot-Api-Secret-Token' });
        }
      },
    },
    async (request, reply) => {
      const parsed = updateSchema.safeParse(request.body);
      if (!parsed.success) {
        return reply.code(400).send({
          error: 'bad_request',
          message: 'body is not a Telegram update (needs a non-negative integer update_id)',
        });
      }
      // Every later line of this request (a failure, "request completed") names the update too.
      request.log = reply.log = request.log.child({ updateId: parsed.data.update_id });
      let webhookReply: string | undefined;
      await bot.handleUpdate(parsed.data as unknown as Update, {
        send: (payload) => {
          webhookReply = payload;
        },
      });
      request.log.info('update recorded');
      onRecorded();
      if (webhookReply) return reply.code(200).type('application/json').send(webhookReply);
      return reply.code(200).send({ ok: true });
    },
  );
};

function isAuthorized(request: FastifyRequest, secretToken: string | undefined): boolean {
  if (secretToken) return isSecretValid(request.headers['x-telegram-bot-api-secret-token'], secretToken);
  // Local runs without a bot token: nothing to authenticate with, so accept this machine only.
  // The socket address, not request.ip: forwarded headers are not to be trusted here.
  const address = request.socket.remoteAddress ?? '';
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}
