import { setTimeout as wait } from 'node:timers/promises';
import { BotError, GrammyError, type Bot, type Context } from 'grammy';
import type { Logger } from '../../shared/log/index.ts';
import { ALLOWED_UPDATES } from '../../shared/telegram/allowed-updates.ts';

/** An update that could not be recorded is tried again after this long, doubling up to the maximum. */
const RETRY_FIRST_DELAY_MS = 1000;
const RETRY_MAX_DELAY_MS = 30_000;

/**
 * The bot fetching its updates from Telegram (getUpdates) instead of receiving them on the webhook:
 * for a bot token without a public address (no WEBHOOK_URL), e.g. on a laptop. The same handlers
 * run, dedup transaction included; grammY's bot.start() removes a webhook first and confirms
 * updates by offset once the next batch is fetched.
 *
 * Create it before the handlers are installed: it adds the middleware that wakes the outbox relay
 * after each update (the webhook route does that itself).
 */
export function createLongPolling<C extends Context>(bot: Bot<C>, deps: { log: Logger; onRecorded: () => void }) {
  const log = deps.log.child({ unit: 'long-polling' });
  const stopping = new AbortController();
  let running: Promise<void> | undefined;

  bot.use(async (_ctx, next) => {
    await next();
    deps.onRecorded();
  });
  // An update whose recording failed (database down) is handled again until it is recorded, as
  // Telegram redelivers a webhook call answered 5xx; later updates wait behind it. One the Bot API
  // refused a reply to (a user who blocked the bot, a bad request) is skipped: trying again cannot help.
  bot.catch(async (error) => {
    const updateLog = log.child({ updateId: error.ctx.update.update_id });
    let failure: unknown = error.error;
    for (let delayMs = RETRY_FIRST_DELAY_MS; ; delayMs = Math.min(delayMs * 2, RETRY_MAX_DELAY_MS)) {
      if (failure instanceof GrammyError)
        return updateLog.warn({ err: failure }, 'the Bot API refused a call while handling the update; update skipped');
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
    /** Stops fetching, lets the update being handled finish, and confirms what was handled. */
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
