import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadResult } from './load.ts';

export interface WrkOptions {
  url: string;
  connections: number;
  durationSec: number;
  /** A Lua script of bench/wrk/ (by file name) that shapes each request and prints the summary. */
  script: string;
  /** Arguments after `--`, read by the script's init(). */
  scriptArgs?: string[];
  /** wrk threads (default 1: one load-generating thread leaves the other core to the server). */
  threads?: number;
}

/**
 * Drives a URL with wrk (Debian package `wrk`), a load generator in C that costs a fraction of what
 * the server under test does per request, so it is rarely what caps the figure. The script's done()
 * prints one JSON line: requests, errors by kind, non-2xx answers and the latency percentiles.
 */
export async function wrk(options: WrkOptions): Promise<LoadResult> {
  const script = fileURLToPath(new URL(`../wrk/${options.script}`, import.meta.url));
  const args = [
    `--threads=${options.threads ?? 1}`,
    `--connections=${options.connections}`,
    `--duration=${options.durationSec}s`,
    '--timeout=10s',
    `--script=${script}`,
    options.url,
    '--',
    ...(options.scriptArgs ?? []),
  ];
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    child.once('error', (error) => reject(new Error(`wrk could not start (apt-get install wrk): ${error.message}`)));
    child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited with ${code}:\n${text}`))));
  });
  const line = output.split('\n').find((l) => l.startsWith('{"requests"'));
  if (!line) throw new Error(`wrk printed no summary:\n${output}`);
  const s = JSON.parse(line) as {
    requests: number;
    durationUs: number;
    connectErrors: number;
    readErrors: number;
    writeErrors: number;
    timeouts: number;
    non2xx: number;
    p50Us: number;
    p99Us: number;
  };
  return {
    requests: s.requests,
    requestsPerSec: Math.round(s.requests / (s.durationUs / 1e6)),
    p50Ms: s.p50Us / 1000,
    p99Ms: s.p99Us / 1000,
    errors: s.connectErrors + s.readErrors + s.writeErrors + s.timeouts,
    non2xx: s.non2xx,
  };
}
