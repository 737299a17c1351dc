import { readdirSync, readFileSync } from 'node:fs';

/**
 * Memory of the browsers this process drives, in bytes, from Linux's /proc (0 without it): each of
 * their processes' own memory (RssAnon), plus the files and shared memory each browser maps
 * (RssFile, RssShmem), counted once per browser rather than once per process, as adding up RSS
 * would. Read from /proc/<pid>/status, which costs the browser nothing (smaps would walk its page
 * tables under its memory lock). Playwright talks to a browser it launched over a pipe: that flag
 * tells them from other children (Debian's /usr/bin/chromium is a script that execs the binary).
 */
export function browserMemoryBytes(): number {
  return childrenOf(process.pid)
    .filter((pid) => argumentsOf(pid).includes('--remote-debugging-pipe'))
    .reduce((sum, browser) => {
      const own = [browser, ...descendantsOf(browser)].reduce(
        (bytes, pid) => bytes + statusKb(pid, 'RssAnon') * 1024,
        0,
      );
      return sum + own + (statusKb(browser, 'RssFile') + statusKb(browser, 'RssShmem')) * 1024;
    }, 0);
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

/** One `<field>: <n> kB` line of /proc/<pid>/status; 0 when the process is gone. */
function statusKb(pid: number, field: string): number {
  const status = readOrEmpty('', () => readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
}

/** What `read` returns, or `empty` when the process (or /proc) is gone. */
function readOrEmpty<T>(empty: T, read: () => T): T {
  try {
    return read();
  } catch {
    return empty;
  }
}
