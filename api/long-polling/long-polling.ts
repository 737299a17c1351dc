import { setTimeout as wait } from 'node:timers/promises';
import { BotError, Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Config } from '../../shared/config/index.ts';
import type { Logger } from '../../shared/log/index.ts';
import { ALLOWED_UPDATES } from '../../shared/telegram/allowed-updates.ts';
import type { InboxWriter } from '../inbox/record-updates.ts';
import { updatesDeduplicated } from '../metrics/api-metrics.ts';
import { readUpdate } from '../webhook/read-update.ts';

/** An update that could not be recorded is tried again after this long, doubling up to the maximum. */
const RETRY_FIRST_DELAY_MS = 1000;
const RETRY_MAX_DELAY_MS = 30_000;

/**
 * The bot fetching its updates from Telegram (getUpdates) instead of receiving them on the webhook:
 * for a bot token without a public address (no WEBHOOK_URL), e.g. on a laptop. Each update goes
 * into the same inbox the webhook records into, and the same handlers take it from there. grammY's
 * bot.start() removes a webhook first and confirms updates by offset once the next batch is fetched
 * — after they were recorded, so a crash loses nothing (the inbox drops what comes again).
 */
export function createLongPolling(
  config: Pick<Config, 'telegram'>,
  deps: { me: UserFromGetMe; inbox: InboxWriter; log: Logger },
) {
  const log = deps.log.child({ unit: 'long-polling' });
  const stopping = new AbortController();
  let running: Promise<void> | undefined;
  // A bot of its own, which only records: the handlers run later, in the inbox's batches.
  const bot = new Bot(config.telegram.botToken!, { botInfo: deps.me, client: { apiRoot: config.telegram.apiRoot } });
  bot.use(async (ctx) => {
    const delivery = await deps.inbox.record(readUpdate(JSON.stringify(ctx.update)));
    updatesDeduplicated.inc({ delivery });
  });
  // An update that could not be recorded (database down) is recorded again until it is, as
  // Telegram redelivers a webhook call answered 5xx; later updates wait behind it.
  bot.catch(async (error) => {
    const updateLog = log.child({ updateId: error.ctx.update.update_id });
    let failure: unknown = error.error;
    for (let delayMs = RETRY_FIRST_DELAY_MS; ; delayMs = Math.min(delayMs * 2, RETRY_MAX_DELAY_MS)) {
      updateLog.error({ err: failure, retryInMs: delayMs }, 'could not record the update; trying again');
      const slept = await wait(delayMs, true, { signal: stopping.signal }).catch(() => false);
      // grammY's stop() has confirmed this update to Telegram already: it is not delivered again.
      if (!slept) return updateLog.error('shutting down before the update was recorded; it is lost');
      try {
        return await bot.handleUpdate(error.ctx.update);
      } catch (again) {
        failure = again instanceof BotError ? again.error : again;
      }
    }
  });

  async function run(): Promise<void> {
    try {
      // Taking over would silently stop a deployment that receives this bot's updates by webhook.
      const { url } = await bot.api.getWebhookInfo();
      if (url) {
        log.error(
          'a webhook is registered for this bot, so it is not polled: set WEBHOOK_URL to receive updates there, or run `npm run ops -- webhook delete` to poll here',
        );
        return;
      }
      if (stopping.signal.aborted) return;
      await bot.start({
        allowed_updates: [...ALLOWED_UPDATES],
        onStart: () => log.info('long polling: fetching updates from Telegram (no WEBHOOK_URL)'),
      });
    } catch (error) {
      if (!stopping.signal.aborted) log.error({ err: error }, 'long polling stopped');
    }
  }

  return {
    /** Starts polling in the background; failures are logged, never thrown. */
    start(): void {
      running ??= run();
    },
    /** Stops fetching, lets the update being recorded finish, and confirms what was recorded. */
    async stop(): Promise<void> {
      stopping.abort();
      if (bot.isRunning())
        await bot
          .stop()
          .catch((error: unknown) => log.warn({ err: error }, 'could not confirm the handled updates to Telegram'));
      await running;
    },
  };
}
