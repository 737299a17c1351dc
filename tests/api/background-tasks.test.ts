import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createBackgroundTasks } from '../../api/background-tasks.ts';

function capturedLog() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(JSON.parse(String(chunk))), done()) });
  return { log: pino({ level: 'info' }, sink), lines };
}

describe('background tasks', () => {
  it('run at most `concurrency` at once, all of them in the end', async () => {
    const { log } = capturedLog();
    const tasks = createBackgroundTasks(log, { concurrency: 3 });
    let running = 0;
    let most = 0;
    let done = 0;
    for (let i = 0; i < 20; i++) {
      tasks.run(async () => {
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, 5));
        running -= 1;
        done += 1;
      });
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(done).toBe(20);
    expect(most).toBe(3);
  });

  it('log a failure with the bindings given, and never throw', async () => {
    const { log, lines } = capturedLog();
    const tasks = createBackgroundTasks(log);
    tasks.run(() => Promise.reject(new Error('Bot API unreachable')), { updateId: 7, jobId: 'j-1' });
    await tasks.drain();
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        updateId: 7,
        jobId: 'j-1',
        msg: 'background task failed',
        err: expect.objectContaining({ message: 'Bot API unreachable' }),
      }),
    ]);
  });

  it('drain waits for the running ones and drops those not started', async () => {
    const { log } = capturedLog();
    const tasks = createBackgroundTasks(log, { concurrency: 1 });
    const finished: number[] = [];
    for (const n of [1, 2, 3]) tasks.run(() => new Promise<void>((r) => setTimeout(() => (finished.push(n), r()), 20)));
    await tasks.drain();
    await new Promise((r) => setTimeout(r, 60));
    expect(finished).toEqual([1]);
  });
});
