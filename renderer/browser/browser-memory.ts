import { readdirSync, readFileSync } from 'node:fs';

/**
 * Memory of the browsers this process drives and all their processes (renderers, GPU,
 * utilities), in bytes, from Linux's /proc; 0 where there is no /proc. Playwright talks to a browser
 * it launched over a pipe: that flag tells them from other children (Debian's /usr/bin/chromium is
 * a script that execs the real binary, so the path would not).
 */
export function browserMemoryBytes(): number {
  return childrenOf(process.pid)
    .filter((pid) => argumentsOf(pid).includes('--remote-debugging-pipe'))
    .flatMap((browser) => [browser, ...descendantsOf(browser)])
    .reduce((sum, pid) => sum + residentBytes(pid), 0);
}

function descendantsOf(pid: number): number[] {
  return childrenOf(pid).flatMap((child) => [child, ...descendantsOf(child)]);
}

function childrenOf(pid: number): number[] {
  return readOrEmpty<string[]>([], () => readdirSync(`/proc/${pid}/task`)).flatMap((task) =>
    readOrEmpty('', () => readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8'))
      .split(/\s+/)
      .filter(Boolean)
      .map(Number),
  );
}

function argumentsOf(pid: number): string[] {
  return readOrEmpty('', () => readFileSync(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
}

/**
 * A process's proportional share of resident memory (PSS): pages it shares with its siblings (the
 * browser's libraries, shared memory between its processes) are counted once across them, where
 * adding up each process's RSS counts them once per process.
 */
function residentBytes(pid: number): number {
  const rollup = readOrEmpty('', () => readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
  return Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
}

/** What `read` returns, or `empty` when the process (or /proc) is gone. */
function readOrEmpty<T>(empty: T, read: () => T): T {
  try {
    return read();
  } catch {
    return empty;
  }
}
