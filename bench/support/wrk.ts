import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { LoadResult } from './load.ts';

export const WRK_BIN = ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((p) => existsSync(p));

export interface WrkOptions {
  url: string;
  connections: number;
  durationSec: number;
  headers?: Record<string, string>;
  /** A Lua script of bench/wrk/ (by file name) that shapes each request, e.g. a fresh update_id each. */
  script?: string;
  /** Arguments after `--`, read by the script's init(). */
  scriptArgs?: string[];
}

export interface WrkResult extends LoadResult {
  /** CPU wrk itself used, in % of one core, averaged over the run: near 100 means the generator was the limit. */
  generatorCpuPercent: number;
}

/**
 * Drives a URL with wrk (Debian package `wrk`; C and epoll, so it costs a fraction of what the server
 * under test does per request and measures the server, not itself) with one thread — the other core
 * is the server's — and `connections` keep-alive connections, and reads its own CPU use from /proc
 * while it runs, to show beside each figure.
 */
export async function runWrk(options: WrkOptions): Promise<WrkResult> {
  if (!WRK_BIN) throw new Error('wrk is not installed (apt-get install wrk)');
  const args = ['-t1', `-c${options.connections}`, `-d${options.durationSec}s`, '--timeout=10s', '--latency'];
  for (const [name, value] of Object.entries(options.headers ?? {})) args.push('-H', `${name}: ${value}`);
  if (options.script) args.push(`--script=${fileURLToPath(new URL(`../wrk/${options.script}`, import.meta.url))}`);
  args.push(options.url);
  if (options.scriptArgs) args.push('--', ...options.scriptArgs);
  const child = spawn(WRK_BIN, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const started = process.hrtime.bigint();
  let cpuTicks = 0;
  // wrk's utime + stime, sampled until it exits (the last sample is taken just before).
  const sampler = setInterval(() => {
    void readFile(`/proc/${child.pid}/stat`, 'utf8').then(
      (stat) => {
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        cpuTicks = Number(fields[11]) + Number(fields[12]);
      },
      () => undefined,
    );
  }, 100);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearInterval(sampler);
  const elapsedSec = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`wrk exited with ${code}: ${output}`);
  // Linux counts CPU time in clock ticks of 1/100 s (USER_HZ).
  const generatorCpuPercent = (cpuTicks / 100 / elapsedSec) * 100;
  return { ...parseWrkOutput(output), generatorCpuPercent };
}

/** The figures of wrk's text report (with --latency). */
export function parseWrkOutput(output: string): LoadResult {
  const number = (pattern: RegExp) => Number(pattern.exec(output)?.[1] ?? 0);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  return {
    requests: number(/(\d+) requests in /),
    requestsPerSec: number(/Requests\/sec:\s+([\d.]+)/),
    p50Ms: latencyMs(output, '50%'),
    p99Ms: latencyMs(output, '99%'),
    errors: socketErrors ? socketErrors.slice(1).reduce((sum, count) => sum + Number(count), 0) : 0,
    non2xx: number(/Non-2xx or 3xx responses: (\d+)/),
  };
}

function latencyMs(output: string, percentile: string): number {
  const match = new RegExp(`^\\s+${percentile}\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(output);
  if (!match) return 0;
  const value = Number(match[1]);
  return match[2] === 'us' ? value / 1000 : match[2] === 's' ? value * 1000 : value;
}
