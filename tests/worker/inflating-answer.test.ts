import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { wordsFor } from '../../shared/telegram/words/index.ts';
import { chatCompletion } from '../support/fake-openai.ts';
import { startFaultSystem, type FaultSystem } from '../support/fault-system.ts';

/**
 * The inflation attack against a real worker process: a 120 KB answer whose page shows one 30 KB
 * image 2,600 times would grow to about 105 MB once every copy is inlined as a data: URL.
 * The worker must refuse it while building, within a fixed amount of memory, for good (the provider
 * is not asked again), and tell the user in plain words.
 */

const MiB = 1024 * 1024;
let system: FaultSystem;

beforeAll(async () => {
  // A lease long enough that only memory, never a lapsed lease, decides what happens.
  system = await startFaultSystem({ AI_TIMEOUT_MS: '60000', JOB_LEASE_MARGIN_MS: '30000', MAX_RETRIES: '3' });
});
afterAll(() => system?.close());

/** A real PNG of `bytes` bytes: its signature, then filler. */
function png(bytes: number): Buffer {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, Buffer.alloc(bytes - signature.length, 7)]);
}

/** The provider's answer: one page naming logo.png 2,600 times, and logo.png itself. */
function inflatingAnswer(): string {
  return JSON.stringify({
    title: 'Gallery',
    summary: 'One logo, many times.',
    files: [
      { path: 'index.html', content: `<h1>Gallery</h1>${'<img src="logo.png" alt="">'.repeat(2600)}` },
      { path: 'logo.png', content: png(30 * 1024).toString('base64'), encoding: 'base64' },
    ],
  });
}

/** VmRSS and VmHWM (peak) of a process, in bytes. */
async function memoryOf(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kib('VmRSS') * 1024, peak: kib('VmHWM') * 1024 };
}

it(
  'a 120 KB answer that inflates past 2 MiB fails for good within 300 MB of worker memory, with one provider call and a plain-words answer',
  { timeout: 180_000 },
  async () => {
    const worker = await system.startWorker();
    const answer = inflatingAnswer();
    expect(answer.length).toBeGreaterThan(110 * 1024);
    expect(answer.length).toBeLessThan(130 * 1024);
    system.ai.enqueue({ body: chatCompletion(answer) });

    const samples: number[] = [];
    const sampler = setInterval(() => {
      memoryOf(worker.pid).then(
        ({ rss }) => samples.push(rss),
        () => undefined,
      );
    }, 20);
    try {
      const [chatId] = await system.submit(['a gallery of our logo']);
      await system.waitForFinal([chatId!], 150_000);
      await system.settle();

      const { peak } = await memoryOf(worker.pid);
      expect(samples.length).toBeGreaterThan(0);
      expect(Math.max(...samples)).toBeLessThan(300 * MiB);
      expect(peak, `peak RSS ${Math.round(peak / MiB)} MB`).toBeLessThan(300 * MiB);
      expect(system.ai.requests).toHaveLength(1);
      expect(system.finalMessages(chatId!)).toEqual([wordsFor('en').failed('tooBigOnceBuilt')]);
      const job = await system.jobOf(chatId!);
      expect(job).toMatchObject({ status: 'failed', user_error: 'tooBigOnceBuilt' });
      expect(await system.attemptsOf(job.id)).toMatchObject([{ outcome: 'failed', error_code: 'bundle_too_big' }]);
    } finally {
      clearInterval(sampler);
    }
  },
);
