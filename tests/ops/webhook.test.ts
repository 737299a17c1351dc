import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteWebhook, setWebhook, showWebhookInfo } from '../../ops/commands/webhook.ts';
import { createTelegramApi } from '../../shared/telegram/index.ts';
import { startFakeTelegram } from '../support/fake-telegram.ts';
import { testConfig, testLogger } from '../support/test-config.ts';

const TOKEN = '123456:ops-webhook-token';
const SECRET = 'ops_webhook-secret';
const URL = 'https://api.example.com/telegram/webhook';

let telegram: Awaited<ReturnType<typeof startFakeTelegram>>;
let api: ReturnType<typeof createTelegramApi>;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  const config = testConfig({
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_SECRET_TOKEN: SECRET,
    TELEGRAM_API_ROOT: telegram.apiRoot,
  });
  api = createTelegramApi(config, testLogger());
});

afterAll(async () => {
  await telegram?.close();
});

describe('ops webhook', () => {
  it('set registers the URL with the secret, the allowed updates and max connections, as the bot, and never shows the secret', async () => {
    const result = await setWebhook(api, { url: URL, secretToken: SECRET });

    const call = telegram.calls.findLast((c) => c.method === 'setWebhook')!;
    expect(call.token).toBe(TOKEN);
    expect(call.payload).toEqual({
      url: URL,
      secret_token: SECRET,
      allowed_updates: ['message', 'edited_message', 'callback_query', 'my_chat_member', 'channel_post'],
      max_connections: 40,
      drop_pending_updates: false,
    });
    expect(result).toMatchObject({ webhook: 'set', url: URL, maxConnections: 40 });
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it('info reports what Telegram says: URL, pending updates, the last error and when it happened', async () => {
    telegram.script('getWebhookInfo', {
      status: 200,
      body: {
        ok: true,
        result: {
          url: URL,
          has_custom_certificate: false,
          pending_update_count: 3,
          last_error_date: 1_795_000_000,
          last_error_message: 'Wrong response from the webhook: 502 Bad Gateway',
          max_connections: 40,
          allowed_updates: ['message', 'edited_message', 'callback_query', 'my_chat_member', 'channel_post'],
        },
      },
    });

    expect(await showWebhookInfo(api)).toEqual({
      url: URL,
      pendingUpdateCount: 3,
      lastErrorAt: new Date(1_795_000_000 * 1000),
      lastErrorMessage: 'Wrong response from the webhook: 502 Bad Gateway',
      maxConnections: 40,
      allowedUpdates: ['message', 'edited_message', 'callback_query', 'my_chat_member', 'channel_post'],
      ipAddress: null,
    });
  });

  it('info on a bot without a webhook says so with empty fields', async () => {
    telegram.script('getWebhookInfo', {
      status: 200,
      body: { ok: true, result: { url: '', has_custom_certificate: false, pending_update_count: 0 } },
    });
    expect(await showWebhookInfo(api)).toMatchObject({
      url: null,
      pendingUpdateCount: 0,
      lastErrorAt: null,
      allowedUpdates: [],
    });
  });

  it('delete removes the webhook and keeps pending updates', async () => {
    expect(await deleteWebhook(api)).toEqual({ webhook: 'deleted' });
    expect(telegram.calls.findLast((c) => c.method === 'deleteWebhook')!.payload).toEqual({
      drop_pending_updates: false,
    });
  });
});
