import { createHash } from 'node:crypto';
import Fastify, { type FastifyInstance, type InjectOptions } from 'fastify';
import { InputFile } from 'grammy';
import type { Message } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInboxWriter } from '../../api/inbox/record-updates.ts';
import { LOCAL_USER } from '../../api/local-chat/local-updates.ts';
import { LocalChat } from '../../api/local-chat/local-chat.ts';
import { localChatRoutes } from '../../api/local-chat/routes.ts';
import { startApi } from '../../api/start-api.ts';
import { connectDatabase } from '../../shared/db/connect.ts';
import { createInProcessQueue } from '../../shared/queue/in-process.ts';
import { startFakeTelegram } from '../support/fake-telegram.ts';
import { testConfig, testLogger } from '../support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

// The routes alone: every refusal happens before the database would be touched, so there is none.
const deadDb = connectDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:1/none', dataDir: '' });
let app: FastifyInstance;
/** Every route of the chat page, each asking for something that exists. */
let routes: (InjectOptions & { method: string; url: string })[];

beforeAll(async () => {
  const chat = new LocalChat();
  // A file with a button under it, in the local user's chat: something for every route to find.
  const sent = (await chat.answer('sendDocument', {
    chat_id: LOCAL_USER.id,
    document: new InputFile(Buffer.from('zip'), 'site.zip'),
    reply_markup: { inline_keyboard: [[{ text: 'Again', callback_data: 'again' }]] },
  })) as Message;
  const fileId = chat
    .eventsAfter(LOCAL_USER.id, 0)
    .events.map((e) => (e.kind === 'message' ? e.attachment?.id : undefined))
    .find(Boolean);
  routes = [
    { method: 'GET', url: '/' },
    { method: 'GET', url: '/chat' },
    { method: 'GET', url: '/chat/messages?after=0' },
    { method: 'GET', url: `/chat/files/${fileId}` },
    { method: 'POST', url: '/chat/messages', payload: { text: 'a landing page for a coffee shop' } },
    { method: 'POST', url: '/chat/button-presses', payload: { messageId: sent.message_id, data: 'again' } },
  ];
  app = Fastify({ logger: false });
  await app.register(localChatRoutes, { chat, db: deadDb, inbox: createInboxWriter({ db: deadDb }) });
});
afterAll(async () => {
  await app?.close();
  await deadDb.destroy();
});

describe('the local chat answers the person at this machine only', () => {
  it('has every route for a client on this machine (the posts fail on the missing database, after the check)', async () => {
    for (const route of routes) {
      const response = await app.inject({ ...route, headers: { host: '127.0.0.1:8000' } });
      expect(response.statusCode, `${route.method} ${route.url}`).not.toBe(404);
    }
  });

  it('answers 404 on every route to a client on another machine, although the api listens on every address', async () => {
    for (const route of routes) {
      const response = await app.inject({ ...route, remoteAddress: '203.0.113.7' });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(404);
    }
  });

  it('answers 404 to a request for another host name (a page from elsewhere rebinding its name to 127.0.0.1)', async () => {
    for (const route of routes) {
      const response = await app.inject({ ...route, headers: { host: 'attacker.example:8000' } });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(404);
    }
  });

  it("refuses what a page from another site makes this machine's browser send", async () => {
    const send = {
      method: 'POST',
      url: '/chat/messages',
      payload: { text: 'hi' },
      headers: { host: '127.0.0.1:8000' },
    } as const;
    expect(
      (await app.inject({ ...send, headers: { ...send.headers, origin: 'https://attacker.example' } })).statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ ...send, headers: { ...send.headers, 'sec-fetch-site': 'cross-site' } })).statusCode,
    ).toBe(404);
  });

  it('serves the page from loopback under a CSP that allows exactly its own inline script and style', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/chat',
      headers: { host: '127.0.0.1:8000', 'sec-fetch-site': 'none' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toMatch(/^default-src 'none';/);
    expect(csp).not.toContain('unsafe');
    const inline = (tag: string) => new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(response.body)![1]!;
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(csp).toContain(`script-src ${hash(inline('script'))};`);
    expect(csp).toContain(`style-src ${hash(inline('style'))};`);
    expect(response.body).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
  });
});

describe('the api serves the chat page only without a bot token', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.drop());

  it('without a token: the page is at chatPageUrl', async () => {
    const queue = createInProcessQueue({ concurrency: 1, log: testLogger() });
    const api = await startApi(testConfig({ DATABASE_URL: database.url }), {
      db: database.db,
      queue,
      log: testLogger(),
    });
    try {
      expect(api.chatPageUrl).toBe(`${api.url}/chat`);
      expect((await fetch(api.chatPageUrl!)).status).toBe(200);
    } finally {
      await api.close();
      await queue.close();
    }
  });

  it('with a token: none of it exists', async () => {
    const telegram = await startFakeTelegram();
    const queue = createInProcessQueue({ concurrency: 1, log: testLogger() });
    const config = testConfig({
      DATABASE_URL: database.url,
      TELEGRAM_BOT_TOKEN: '123456:TOKEN',
      TELEGRAM_SECRET_TOKEN: 'secret',
      TELEGRAM_API_ROOT: telegram.apiRoot,
    });
    const api = await startApi(config, { db: database.db, queue, log: testLogger() });
    try {
      expect(api.chatPageUrl).toBeUndefined();
      for (const route of ['/', '/chat', '/chat/messages?after=0', '/chat/files/1'])
        expect((await fetch(`${api.url}${route}`)).status, route).toBe(404);
      const sent = await fetch(`${api.url}/chat/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'hi' }),
      });
      expect(sent.status).toBe(404);
    } finally {
      await api.close();
      await queue.close();
      await telegram.close();
    }
  });
});
