import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const KEPT_LINES = 300;

export interface ServiceProcess {
  pid: number;
  /** Resolves with the log line that says the service is ready; rejects if it exits first. */
  ready: Promise<Record<string, unknown>>;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** True until it exited. */
  readonly running: boolean;
  /** Its last log lines, to explain a failing test. */
  output(): string;
  kill(signal: NodeJS.Signals): void;
}

export interface SpawnServiceOptions {
  /** The command line; default `npm run <role>`'s: node --import tsx <entry>. */
  command?: [string, ...string[]];
  /** Default: the repository. */
  cwd?: string;
}

/**
 * A service's main.ts as a real child process: its own PostgreSQL pool, its own RabbitMQ
 * connection, killable with any signal. Run as `node --import tsx` rather than the tsx CLI, which
 * would put a second process in between and keep the service alive after a SIGKILL of the wrapper.
 * `env` is the whole environment besides PATH (nothing leaks in from the test's own); logs are JSON
 * lines, and the one whose message is `readyMessage` marks it ready.
 */
export function spawnService(
  entry: string,
  readyMessage: string,
  env: Record<string, string>,
  options: SpawnServiceOptions = {},
): ServiceProcess {
  const [file, ...args] = options.command ?? [process.execPath, '--import', 'tsx', entry];
  const child = spawn(file, args, {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_FORMAT: 'json', LISTEN_HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let running = true;
  let markReady: (line: Record<string, unknown>) => void;
  let failReady: (error: Error) => void;
  const ready = new Promise<Record<string, unknown>>(
    (resolve, reject) => ((markReady = resolve), (failReady = reject)),
  );
  ready.catch(() => undefined); // an exit after start-up is no error for whoever never awaits `ready`
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue;
      lines.push(line);
      if (lines.length > KEPT_LINES) lines.shift();
      if (line.includes(`"${readyMessage}`)) markReady(JSON.parse(line) as Record<string, unknown>);
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      running = false;
      failReady(
        new Error(`${entry} ${child.pid} exited (${code ?? signal}) before it was ready:\n${lines.join('\n')}`),
      );
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

/** `npm run api` as a real child process; ready (its line carries `url`) once it listens. */
export function spawnApi(env: Record<string, string>): ServiceProcess {
  return spawnService('api/main.ts', 'api listening', { API_PORT: '0', ...env });
}

/** `npm run preview` as a real child process; ready (its line carries `url`) once it listens. */
export function spawnPreview(env: Record<string, string>): ServiceProcess {
  return spawnService('preview/main.ts', 'preview listening', { PREVIEW_PORT: '0', PREVIEW_METRICS_PORT: '0', ...env });
}
