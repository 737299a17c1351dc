import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const KEPT_LINES = 300;

export interface WorkerProcess {
  pid: number;
  /** Resolves once the worker consumes jobs (its log says so); rejects if it exits first. */
  ready: Promise<void>;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** True until it exited. */
  readonly running: boolean;
  /** Its last log lines, to explain a failing test. */
  output(): string;
  kill(signal: NodeJS.Signals): void;
}

export interface SpawnWorkerOptions {
  /** The command line; default `npm run worker`'s: node --import tsx worker/main.ts. */
  command?: [string, ...string[]];
  /** Default: the repository. */
  cwd?: string;
}

/**
 * `npm run worker` as a real child process: its own PostgreSQL pool, its own RabbitMQ connection,
 * killable with any signal. Run as `node --import tsx` rather than the tsx CLI, which would put a
 * second process in between and keep the worker alive after a SIGKILL of the wrapper.
 * `env` is the whole environment besides PATH (nothing leaks in from the test's own).
 */
export function spawnWorker(env: Record<string, string>, options: SpawnWorkerOptions = {}): WorkerProcess {
  const [file, ...args] = options.command ?? [process.execPath, '--import', 'tsx', 'worker/main.ts'];
  const child = spawn(file, args, {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_FORMAT: 'json', LISTEN_HOST: '127.0.0.1', WORKER_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let running = true;
  let markReady: () => void;
  let failReady: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => ((markReady = resolve), (failReady = reject)));
  ready.catch(() => undefined); // an exit after start-up is no error for whoever never awaits `ready`
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue;
      lines.push(line);
      if (lines.length > KEPT_LINES) lines.shift();
      if (line.includes('"worker consuming jobs"')) markReady();
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      running = false;
      failReady(new Error(`worker ${child.pid} exited (${code ?? signal}) before it was ready:\n${lines.join('\n')}`));
      resolve({ code, signal });
    }),
  );
  return {
    pid: child.pid!,
    ready,
    exited,
    get running() {
      return running;
    },
    output: () => lines.join('\n'),
    kill(signal) {
      if (running) child.kill(signal);
    },
  };
}
