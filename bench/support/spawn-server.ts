import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * BENCH_PROFILE_DIR=<dir>: every server also writes a CPU profile there when it stops (node
 * --cpu-prof; open it in Chrome DevTools or speedscope), to see where its time goes under load.
 */
const profileDir = process.env.BENCH_PROFILE_DIR;

export interface SpawnedServer {
  url: string;
  pid: number;
  /** Resident memory of the server process, sampled on request (bytes). */
  stop(): Promise<void>;
}

/**
 * Runs a server script in its own process, so the load generator (in this process) and the server
 * do not share an event loop. The script prints `{"url": …}` on its first stdout line when ready.
 */
export async function spawnServer(script: string, env: Record<string, string> = {}): Promise<SpawnedServer> {
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const entry = fileURLToPath(new URL(`../servers/${script}`, import.meta.url));
  // node itself (not the tsx CLI, which would put a second process in between), so SIGTERM reaches it.
  const child = spawn(process.execPath, [...profile, '--import', import.meta.resolve('tsx'), entry], {
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
  });
  const { url } = JSON.parse(firstLine) as { url: string };
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
