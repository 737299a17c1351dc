import type { FastifyPluginCallback, FastifyReply } from 'fastify';
import type { Update } from 'grammy/types';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../shared/db/schema.ts';
import type { InboxWriter } from '../inbox/record-updates.ts';
import { updatesDeduplicated } from '../metrics/api-metrics.ts';
import { readUpdate } from '../webhook/read-update.ts';
import type { LocalChat } from './local-chat.ts';
import { createLocalUpdates, LOCAL_USER } from './local-updates.ts';
import { chatPage, chatPageHeaders } from './page.ts';
import { thisMachineOnly } from './this-machine-only.ts';

/** A page asking for news is answered at once when there is some, else after at most this long. */
const WAIT_FOR_EVENTS_MS = 25_000;
/** Telegram's own limits: a message holds at most 4096 characters, button data at most 64 bytes. */
const MAX_TEXT_CHARS = 4096;
const MAX_BUTTON_DATA_BYTES = 64;

/** Browsers say `en-US`; anything odd is dropped rather than refused. */
const languageCode = z
  .string()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/)
  .optional()
  .catch(undefined);
const sentMessage = z.object({
  text: z.string().trim().min(1).max(MAX_TEXT_CHARS),
  replyTo: z.number().int().optional(),
  languageCode,
});
const buttonPress = z.object({
  messageId: z.number().int(),
  data: z
    .string()
    .refine((data) => Buffer.byteLength(data) <= MAX_BUTTON_DATA_BYTES, `at most ${MAX_BUTTON_DATA_BYTES} bytes`),
  languageCode,
});
const newsQuery = z.object({ after: z.coerce.number().int().nonnegative().default(0) });

export interface LocalChatRouteOptions {
  /** The conversation the bot's Bot API calls are recorded in (this process's). */
  chat: LocalChat;
  db: Kysely<Database>;
  /** Where the updates go: the same inbox the webhook records into. */
  inbox: InboxWriter;
}

/**
 * The local chat page, for runs without a bot token: `GET /chat` is a small chat window, which
 * follows the conversation (`GET /chat/messages?after=<n>`, answered as soon as there is news) and
 * posts what the user writes or presses (`POST /chat/messages`, `POST /chat/button-presses`). Those
 * become Telegram updates recorded in the inbox, through the webhook's own checks, so the bot
 * handles them exactly as it would Telegram's. Files the bot sent are at `GET /chat/files/<id>`.
 * This machine only.
 */
export const localChatRoutes: FastifyPluginCallback<LocalChatRouteOptions> = (app, { chat, db, inbox }, done) => {
  const updates = createLocalUpdates(chat, db);
  // Releases the pages waiting for news, so shutdown does not wait out their long polls.
  const closing = new AbortController();
  app.addHook('preClose', (hookDone) => {
    closing.abort();
    hookDone();
  });
  app.addHook('onRequest', thisMachineOnly);

  /** Into the inbox, as the webhook records Telegram's updates: answered once it is durable. */
  async function deliver(update: Update, reply: FastifyReply) {
    updatesDeduplicated.inc({ delivery: await inbox.record(readUpdate(JSON.stringify(update))) });
    return reply.send({ delivered: true });
  }

  app.get('/', (_request, reply) => reply.redirect('/chat'));

  app.get('/chat', (_request, reply) => reply.headers(chatPageHeaders).send(chatPage));

  app.get('/chat/messages', async (request, reply) => {
    const query = newsQuery.safeParse(request.query);
    if (!query.success)
      return reply.code(400).send({ error: 'bad_request', message: 'after must be a non-negative integer' });
    const news = await chat.waitForEvents(LOCAL_USER.id, query.data.after, WAIT_FOR_EVENTS_MS, closing.signal);
    return reply.header('cache-control', 'no-store').send(news);
  });

  app.post('/chat/messages', async (request, reply) => {
    const body = sentMessage.safeParse(request.body);
    if (!body.success)
      return reply
        .code(400)
        .send({ error: 'bad_request', message: `expected {"text": 1–${MAX_TEXT_CHARS} characters}` });
    const { text, ...options } = body.data;
    return deliver(await updates.message(text, options), reply);
  });

  app.post('/chat/button-presses', async (request, reply) => {
    const body = buttonPress.safeParse(request.body);
    if (!body.success)
      return reply
        .code(400)
        .send({ error: 'bad_request', message: 'expected {"messageId": <id>, "data": <callback data>}' });
    const update = await updates.buttonPress(body.data.messageId, body.data.data, body.data);
    if (!update)
      return reply.code(404).send({ error: 'not_found', message: 'that message is no longer in the conversation' });
    return deliver(update, reply);
  });

  app.get<{ Params: { id: string } }>('/chat/files/:id', (request, reply) => {
    const file = chat.file(request.params.id);
    if (!file) return reply.callNotFound();
    return reply
      .headers({
        'content-type': 'application/octet-stream',
        'content-disposition': `attachment; filename="${file.name.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        'content-security-policy': "default-src 'none'; sandbox",
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      })
      .send(Buffer.from(file.bytes));
  });
  done();
};
