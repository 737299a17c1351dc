import type { Api } from 'grammy';
import type { Logger } from '../../shared/log/index.ts';
import { words } from '../../shared/telegram/words.ts';
import type { GenerationProgress } from '../generate/provider.ts';

/** Telegram allows about one message per second per chat; edits every 3 s leave room for the rest. */
export const PROGRESS_EDIT_INTERVAL_MS = 3000;

export interface ProgressReport {
  /** The latest progress; shown when the chat's interval allows (the newest state wins). */
  update(progress: GenerationProgress): void;
  /** No more edits for this job (an edit already on the wire may still land). */
  stop(): void;
}

/**
 * Edits each job's status message while its answer streams in, at most once per interval per
 * chat — shared by every job of this worker, so two jobs in one chat do not double the rate. The
 * first edit waits a full interval after the job starts, right after "Building your site…" was
 * sent. An edit that fails is logged and dropped: progress must never fail a job.
 */
export function createProgressReports(telegram: Api, options: { intervalMs?: number } = {}) {
  const intervalMs = options.intervalMs ?? PROGRESS_EDIT_INTERVAL_MS;
  const lastEditAt = new Map<number, number>();

  function noteEdit(chatId: number, now: number): void {
    lastEditAt.set(chatId, now);
    if (lastEditAt.size > 10_000) {
      for (const [chat, at] of lastEditAt) if (now - at > intervalMs) lastEditAt.delete(chat);
    }
  }

  return {
    start(chatId: number, statusMessageId: number | null, log: Logger): ProgressReport {
      if (statusMessageId === null) return { update() {}, stop() {} };
      const messageId = statusMessageId;
      const startedAt = Date.now();
      let latest: GenerationProgress | undefined;
      let shown = '';
      let timer: NodeJS.Timeout | undefined;
      let sending = false;
      let stopped = false;

      const nextEditAt = () => Math.max(lastEditAt.get(chatId) ?? 0, startedAt) + intervalMs;

      const schedule = () => {
        if (stopped || timer || sending || !latest) return;
        timer = setTimeout(flush, Math.max(0, nextEditAt() - Date.now()));
        timer.unref();
      };

      async function flush(): Promise<void> {
        timer = undefined;
        if (stopped || !latest) return;
        // Another job in the same chat may have edited since this timer was set.
        if (Date.now() < nextEditAt()) return schedule();
        const text = words.progress(latest.bytes, latest.sections);
        latest = undefined;
        if (text === shown) return;
        sending = true;
        noteEdit(chatId, Date.now());
        try {
          await telegram.editMessageText(chatId, messageId, text);
          shown = text;
        } catch (error) {
          log.warn({ err: error }, 'could not edit the progress message');
        } finally {
          sending = false;
          schedule();
        }
      }

      return {
        update(progress) {
          if (stopped) return;
          latest = progress;
          schedule();
        },
        stop() {
          stopped = true;
          clearTimeout(timer);
        },
      };
    },
  };
}

export type ProgressReports = ReturnType<typeof createProgressReports>;
