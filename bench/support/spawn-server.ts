import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

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
  const child = spawn(tsx, [fileURLToPath(new URL(`../servers/${script}`, import.meta.url))], {
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
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
