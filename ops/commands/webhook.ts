import type { Api } from 'grammy';
import { ALLOWED_UPDATES } from '../../shared/telegram/allowed-updates.ts';
import { setBotProfile } from '../../shared/telegram/bot-profile.ts';

/** Parallel webhook connections Telegram may open; the webhook answers in milliseconds, 40 is plenty. */
export const maxConnections = 40;

/**
 * Points Telegram at our webhook, with the secret it must send back in every call
 * (X-Telegram-Bot-Api-Secret-Token). Pending updates are kept. The secret is never returned. Also
 * sets the bot's description and short description in every language, so a new user sees what the
 * bot does before pressing Start.
 */
export async function setWebhook(api: Api, { url, secretToken }: { url: string; secretToken: string }) {
  await api.setWebhook(url, {
    secret_token: secretToken,
    allowed_updates: [...ALLOWED_UPDATES],
    max_connections: maxConnections,
    drop_pending_updates: false,
  });
  const botProfile = await setBotProfile(api);
  return {
    webhook: 'set',
    url,
    allowedUpdates: [...ALLOWED_UPDATES],
    maxConnections,
    secretToken: 'sent (TELEGRAM_SECRET_TOKEN)',
    botProfile,
  };
}

/** What Telegram reports: where it delivers, how many updates wait, and the last delivery error. */
export async function showWebhookInfo(api: Api) {
  const info = await api.getWebhookInfo();
  return {
    url: info.url || null,
    pendingUpdateCount: info.pending_update_count,
    lastErrorAt: info.last_error_date ? new Date(info.last_error_date * 1000) : null,
    lastErrorMessage: info.last_error_message ?? null,
    maxConnections: info.max_connections ?? null,
    allowedUpdates: info.allowed_updates ?? [],
    ipAddress: info.ip_address ?? null,
  };
}

/** Stops webhook delivery; updates keep waiting at Telegram (up to 24 hours) for the next `set`. */
export async function deleteWebhook(api: Api) {
  await api.deleteWebhook({ drop_pending_updates: false });
  return { webhook: 'deleted' };
}
