import type { FastifyPluginCallback } from 'fastify';
import type { InboxWriter } from '../inbox/record-updates.ts';
import { isFromThisMachine } from '../local-chat/this-machine-only.ts';
import { updatesDeduplicated } from '../metrics/api-metrics.ts';
import { secretChecker } from './check-secret.ts';
import { readUpdate, WebhookBodyError } from './read-update.ts';

/** Telegram updates are a few KiB; anything near this is not from Telegram. */
export const WEBHOOK_BODY_LIMIT_BYTES = 256 * 1024;

export const WEBHOOK_PATH = '/telegram/webhook';

const RECORDED = '{"ok":true}';

export interface WebhookRouteOptions {
  inbox: InboxWriter;
  /**
   * Unset only in local runs (no bot token, or long polling): then only programs on this machine
   * are accepted, addressing it by a loopback name (see isFromThisMachine).
   */
  secretToken: string | undefined;
}

/**
 * POST /telegram/webhook: the durable inbox's front door, and nothing else. Check the secret
 * (before reading the body), bound and parse the body, check the update id, hand the update to the
 * inbox's group commit and answer 200 once it is durable — new or a redelivery — or 503 when its
 * batch could not be written, so Telegram delivers it again. The bot handles it later (the inbox
 * processor): nothing here waits on the bot, on Telegram or on the AI. No info line per request
 * (counters instead); warnings and errors name the update.
 */
export const webhookRoute: FastifyPluginCallback<WebhookRouteOptions> = (app, { inbox, secretToken }, done) => {
  const isSecretValid = secretToken ? secretChecker(secretToken) : undefined;
  // The raw text is kept (it is what the inbox stores) and parsed once here, for this route only.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, readUpdate(body as string));
    } catch (error) {
      done(error as WebhookBodyError, undefined);
    }
  });

  app.post(
    WEBHOOK_PATH,
    {
      bodyLimit: WEBHOOK_BODY_LIMIT_BYTES,
      onRequest: async (request, reply) => {
        if (isSecretValid && !isSecretValid(request.headers['x-telegram-bot-api-secret-token']))
          return reply
            .code(401)
            .send({ error: 'unauthorized', message: 'missing or wrong X-Telegram-Bot-Api-Secret-Token' });
        if (!isSecretValid && !isFromThisMachine(request))
          return reply.code(403).send({
            error: 'forbidden',
            message: `without a webhook secret only programs on this machine may post here, to localhost:${request.socket.localPort}`,
          });
      },
    },
    async (request, reply) => {
      const update = request.body as ReturnType<typeof readUpdate> | undefined;
      if (!update) throw new WebhookBodyError('the body is empty; expected a Telegram update (JSON)');
      try {
        updatesDeduplicated.inc({ delivery: await inbox.record(update) });
      } catch (error) {
        request.log.error({ err: error, updateId: update.updateId }, 'could not record the update');
        return reply
          .code(503)
          .send({ error: 'unavailable', message: 'could not record the update; Telegram will deliver it again' });
      }
      return reply.type('application/json').send(RECORDED);
    },
  );
  done();
};
