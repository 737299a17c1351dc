import { spawn } from 'node:child_process';
import path from 'node:path';
import { until } from './until.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const KEPT_LINES = 400;

/** What `npm start` says in its one "is running" line. */
export interface RunningLine {
  api: string;
  previews: string;
  metrics: string;
  /** Only without a bot token. */
  chatPage?: string;
}

export interface NpmStart {
  /** The npm process: the one a user's terminal or a supervisor signals. */
  pid: number;
  running: RunningLine;
  /** Its log lines so far (JSON), to explain a failing test. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` to the npm process if it still runs, and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `npm start` in the repository, spawned as a user would (npm, not node), on a data folder of the
 * test's own. Settings a developer's .env could hold are set here, so the run is the same anywhere:
 * no database or broker URL, no bot token, loopback, ports chosen by the system. Resolves once it
 * printed that it is running; rejects if it exits first.
 */
export async function startNpmStart(env: Record<string, string>): Promise<NpmStart> {
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      DATABASE_URL: '',
      RABBITMQ_URL: '',
      TELEGRAM_BOT_TOKEN: '',
      TELEGRAM_SECRET_TOKEN: '',
      WEBHOOK_URL: '',
      LISTEN_HOST: '127.0.0.1',
      API_PORT: '0',
      PREVIEW_PORT: '0',
      WORKER_PORT: '0',
      PREVIEW_METRICS_PORT: '0',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      lines.push(line);
      if (lines.length > KEPT_LINES) lines.shift();
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const output = () => lines.join('\n');

  let running: RunningLine | undefined;
  await until(() => {
    running = lines.map(parseRunningLine).find(Boolean);
    return running !== undefined || child.exitCode !== null || child.signalCode !== null;
  }, 90_000).catch(() => undefined);
  if (!running) {
    child.kill('SIGKILL');
    throw new Error(`npm start did not say it is running:\n${output()}`);
  }
  return {
    pid: child.pid!,
    running,
    output,
    exited,
    stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

function parseRunningLine(line: string): RunningLine | undefined {
  if (!line.startsWith('{')) return undefined;
  const entry = JSON.parse(line) as Partial<RunningLine> & { msg?: string };
  return entry.msg?.startsWith('AI Orchestrator is running') ? (entry as RunningLine) : undefined;
}
