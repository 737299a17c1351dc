import type { Logger } from '../shared/log/index.ts';

/** Tasks running at once, over all chats; the rest wait in memory, not on database connections. */
const DEFAULT_CONCURRENCY = 16;
/** Tasks of one chat running at once. */
const DEFAULT_PER_CHAT = 4;

interface Task {
  run: () => Promise<unknown>;
  logBindings: Record<string, unknown>;
  /** Resolves once the task ran (or was dropped at shutdown). */
  settled: () => void;
}

/**
 * Work the api does for a chat after an update was handled and committed: the bot's answers, the
 * acknowledgement of a new job, a site sent as a .zip. Each chat has its own line: its tasks start
 * in the order given, at most `perChat` at once (a chat waiting for its send slots holds a few task
 * slots, never all of them). Chats take turns: a task slot that frees goes to the next chat in
 * line, so one chat's backlog — a user tapping a button again and again — never delays another
 * chat's acknowledgement by more than one task. At most `concurrency` run at once; a failure is
 * logged with its bindings, never thrown. `drain` (shutdown) drops the tasks not started —
 * courtesies a job's own final message makes up for — and waits for the running ones.
 */
export function createChatTasks(log: Logger, options: { concurrency?: number; perChat?: number } = {}) {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const perChat = options.perChat ?? DEFAULT_PER_CHAT;
  /** Tasks not started, by chat. */
  const lines = new Map<string, Task[]>();
  /** Chats with tasks waiting and a task slot of their own free, in turn order. */
  const turns: string[] = [];
  /** Tasks running, by chat. */
  const busy = new Map<string, number>();
  const running = new Set<Promise<void>>();

  function startNext(): void {
    while (running.size < concurrency && turns.length > 0) {
      const chat = turns.shift()!;
      const line = lines.get(chat)!;
      const task = line.shift()!;
      if (line.length === 0) lines.delete(chat);
      const runningHere = (busy.get(chat) ?? 0) + 1;
      busy.set(chat, runningHere);
      // Back of the line: every other waiting chat goes first.
      if (lines.has(chat) && runningHere < perChat) turns.push(chat);
      const work = task
        .run()
        .then(
          () => undefined,
          (error: unknown) => log.warn({ ...task.logBindings, err: error }, 'background task failed'),
        )
        .finally(task.settled);
      running.add(work);
      void work.finally(() => {
        running.delete(work);
        const left = busy.get(chat)! - 1;
        if (left === 0) busy.delete(chat);
        else busy.set(chat, left);
        // It had used up its own slots: with one free again, it takes its turn.
        if (lines.has(chat) && left === perChat - 1) turns.push(chat);
        startNext();
      });
    }
  }

  return {
    /**
     * Queues `task` in `chat`'s line; `logBindings` (the update, the job) go on its failure line.
     * Resolves once it ran, successfully or not (or was dropped at shutdown); never rejects.
     */
    run(chat: string | number, task: () => Promise<unknown>, logBindings: Record<string, unknown> = {}): Promise<void> {
      const key = String(chat);
      let settled!: () => void;
      const done = new Promise<void>((resolve) => (settled = resolve));
      const line = lines.get(key);
      if (line) line.push({ run: task, logBindings, settled });
      else {
        lines.set(key, [{ run: task, logBindings, settled }]);
        if ((busy.get(key) ?? 0) < perChat) turns.push(key);
      }
      startNext();
      return done;
    },
    async drain(): Promise<void> {
      const dropped = [...lines.values()].flat();
      if (dropped.length > 0)
        log.info({ dropped: dropped.length }, 'shutting down: background tasks not started are dropped');
      for (const task of dropped) task.settled();
      lines.clear();
      turns.length = 0;
      await Promise.allSettled([...running]);
    },
  };
}

export type ChatTasks = ReturnType<typeof createChatTasks>;
