import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createChatTasks } from '../../api/chat-tasks.ts';
import { until } from '../support/until.ts';

function capturedLog() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write: (chunk, _encoding, done) => (lines.push(JSON.parse(String(chunk)) as Record<string, unknown>), done()),
  });
  return { log: pino({ level: 'info' }, sink), lines };
}

/** A task that runs until `release()` is called, and says whether it started. */
function heldTask(started: string[], name: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    run: async () => {
      started.push(name);
      await released;
    },
    release: () => release(),
  };
}

describe('background tasks, in one line per chat', () => {
  it('run at most `concurrency` at once, all of them in the end', async () => {
    const { log } = capturedLog();
    const tasks = createChatTasks(log, { concurrency: 3 });
    let running = 0;
    let most = 0;
    let done = 0;
    for (let i = 0; i < 20; i++) {
      void tasks.run(`chat ${i % 7}`, async () => {
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, 5));
        running -= 1;
        done += 1;
      });
    }
    await until(() => done === 20);
    expect(most).toBe(3);
  });

  it('start in the order given in a chat; one at a time, they finish in that order too', async () => {
    const { log } = capturedLog();
    const tasks = createChatTasks(log, { concurrency: 8, perChat: 1 });
    const finished: number[] = [];
    let running = 0;
    let most = 0;
    for (let n = 1; n <= 5; n++) {
      void tasks.run(42, async () => {
        most = Math.max(most, ++running);
        // Later tasks are quicker: run side by side, they would finish first.
        await new Promise((r) => setTimeout(r, 30 - n * 5));
        running -= 1;
        finished.push(n);
      });
    }
    await until(() => finished.length === 5);
    expect(finished).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(1);
  });

  it('let a chat hold at most `perChat` slots, however long its line', async () => {
    const { log } = capturedLog();
    const tasks = createChatTasks(log, { concurrency: 8, perChat: 3 });
    const started: string[] = [];
    const backlog = Array.from({ length: 10 }, (_, i) => heldTask(started, `tapper ${i}`));
    for (const task of backlog) void tasks.run('tapper', task.run);
    await new Promise((r) => setTimeout(r, 50));
    expect(started).toEqual(['tapper 0', 'tapper 1', 'tapper 2']);
    backlog[1]!.release();
    await until(() => started.length === 4);
    expect(started[3]).toBe('tapper 3');
    for (const task of backlog) task.release();
    await until(() => started.length === 10);
  });

  it("give a free slot to the next chat in turn: one chat's backlog never delays another chat's task", async () => {
    const { log } = capturedLog();
    const tasks = createChatTasks(log, { concurrency: 2, perChat: 1 });
    const started: string[] = [];
    // A user tapping a button again and again: 30 tasks that each wait (for the chat's send slot).
    const backlog = Array.from({ length: 30 }, (_, i) => heldTask(started, `tapper ${i}`));
    for (const task of backlog) void tasks.run('tapper', task.run);
    const other = heldTask(started, 'acknowledgement');
    void tasks.run('someone else', other.run);

    await until(() => started.includes('acknowledgement'));
    // Only the tapper's first task ran before it; the other slot went to the other chat at once.
    expect(started).toEqual(['tapper 0', 'acknowledgement']);
    other.release();
    for (const task of backlog) task.release();
    await until(() => started.length === 31);
  });

  it('log a failure with the bindings given, and never throw', async () => {
    const { log, lines } = capturedLog();
    const tasks = createChatTasks(log);
    void tasks.run(7, () => Promise.reject(new Error('Bot API unreachable')), { updateId: 7, jobId: 'j-1' });
    await tasks.drain();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 40,
      updateId: 7,
      jobId: 'j-1',
      msg: 'background task failed',
      err: { message: 'Bot API unreachable' },
    });
  });

  it('drain waits for the running ones and drops those not started', async () => {
    const { log } = capturedLog();
    const tasks = createChatTasks(log, { concurrency: 1 });
    const finished: number[] = [];
    for (const n of [1, 2, 3])
      void tasks.run(n, () => new Promise<void>((r) => setTimeout(() => (finished.push(n), r()), 20)));
    await tasks.drain();
    await new Promise((r) => setTimeout(r, 60));
    expect(finished).toEqual([1]);
  });
});
