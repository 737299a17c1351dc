import { readFileSync, readdirSync } from 'node:fs';

/**
 * Processes as Linux shows them in /proc, for tests that check nothing is left running after a
 * signal: what a supervisor (Compose, systemd) would find.
 */

/** Every process below `pid` (children, their children, …), as of now. */
export function descendantsOf(pid: number): number[] {
  const children = readdirSync(`/proc/${pid}/task`, { withFileTypes: true }).flatMap((task) => {
    const text = readOrEmpty(`/proc/${pid}/task/${task.name}/children`);
    return text.split(/\s+/).filter(Boolean).map(Number);
  });
  return children.flatMap((child) => [child, ...descendantsOf(child)]);
}

/** True while the process exists and is not a zombie (exited, waiting to be reaped). */
export function isRunning(pid: number): boolean {
  const stat = readOrEmpty(`/proc/${pid}/stat`);
  // "<pid> (<command>) <state> …": the command may hold spaces and parentheses, the state follows the last ')'.
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return stat !== '' && state !== 'Z' && state !== 'X';
}

/** The command line of a process, for messages. */
export function commandLine(pid: number): string {
  return readOrEmpty(`/proc/${pid}/cmdline`).split('\0').join(' ').trim();
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
