import type { Api } from 'grammy';
import type { Logger } from '../../shared/log/index.ts';

/** Telegram allows about one message per second per chat; edits every 3 s leave room for the rest. */
export const STATUS_EDIT_INTERVAL_MS = 3000;
/**
 * While the status message is still on its way, how soon to look for its id again: soon at first
 * (it is usually a few ms behind, and the stage shown first should still be the one it shows), then
 * less often (after a burst, acknowledgements wait long for their send slots).
 */
const MESSAGE_ID_FIRST_POLL_MS = 50;
const MESSAGE_ID_MAX_POLL_MS = 1000;

export interface StatusEdits {
  /** Show this text (HTML) in the job's status message when the chat's interval allows; the newest text wins. */
  show(text: string): void;
  /**
   * No more edits for this job: one still waiting for its send slot is dropped (its slot goes to
   * another message); one already on the wire may still land.
   */
  stop(): void;
}

/**
 * Edits each job's status message through its stages (generating, progress, checking, publishing),
 * at most once per interval per chat — shared by every job of this worker, so two jobs in one chat
 * do not double the rate; the first edit goes out at once. Texts that come too fast are skipped for
 * the newest one. The message id comes from `statusMessageId`, asked again before each edit while
 * unknown (the api sends the message, maybe still in flight). An edit that fails is logged and
 * dropped: a status message must never fail a job.
 */
export function createStatusEdits(telegram: Api, options: { intervalMs?: number } = {}) {
  const intervalMs = options.intervalMs ?? STATUS_EDIT_INTERVAL_MS;
  const lastEditAt = new Map<number, number>();

  function noteEdit(chatId: number, now: number): void {
    lastEditAt.set(chatId, now);
    if (lastEditAt.size > 10_000) {
      for (const [chat, at] of lastEditAt) if (now - at > intervalMs) lastEditAt.delete(chat);
    }
  }

  return {
    start(chatId: number, statusMessageId: () => Promise<number | null>, log: Logger): StatusEdits {
      let latest: string | undefined;
      let shown = '';
      let timer: NodeJS.Timeout | undefined;
      let sending = false;
      let stopped = false;
      /** Set while the status message's id is unknown: no edit was sent, so the interval is not spent. */
      let lookAgainAt = 0;
      /** Aborts an edit still waiting for its send slot once the job's answer makes it moot (stop). */
      const moot = new AbortController();
      let looks = 0;

      const nextEditAt = () => Math.max((lastEditAt.get(chatId) ?? -Infinity) + intervalMs, lookAgainAt);

      const schedule = () => {
        if (stopped || timer || sending || latest === undefined) return;
        timer = setTimeout(() => void flush(), Math.max(0, nextEditAt() - Date.now()));
        timer.unref();
      };

      async function flush(): Promise<void> {
        timer = undefined;
        if (stopped || latest === undefined) return;
        // Another job in the same chat may have edited since this timer was set.
        if (Date.now() < nextEditAt()) return schedule();
        const text = latest;
        if (text === shown) return void (latest = undefined);
        sending = true;
        try {
          const messageId = await statusMessageId();
          if (messageId === null) {
            const pollMs = Math.min(MESSAGE_ID_FIRST_POLL_MS * 2 ** looks++, MESSAGE_ID_MAX_POLL_MS, intervalMs);
            return void (lookAgainAt = Date.now() + pollMs);
          }
          noteEdit(chatId, Date.now());
          latest = latest === text ? undefined : latest;
          // grammY declares its signal parameter with an old polyfill's types; Node's own is what it uses.
          const signal = moot.signal as unknown as Parameters<Api['editMessageText']>[4];
          if (!stopped) await telegram.editMessageText(chatId, messageId, text, { parse_mode: 'HTML' }, signal);
          shown = text;
          // The send may have waited for a rate-limit slot: the interval counts from when it went out.
          noteEdit(chatId, Date.now());
        } catch (error) {
          if (!moot.signal.aborted) log.warn({ err: error }, 'could not edit the status message');
        } finally {
          sending = false;
          schedule();
        }
      }

      return {
        show(text) {
          if (stopped) return;
          latest = text;
          schedule();
        },
        stop() {
          stopped = true;
          clearTimeout(timer);
          moot.abort();
        },
      };
    },
  };
}

export type StatusEditors = ReturnType<typeof createStatusEdits>;
