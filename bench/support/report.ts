import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';

export interface Row {
  [column: string]: string | number;
}

/** Prints one benchmark as a table, with its baseline and the ratio spelled out under it. */
export function printTable(title: string, rows: Row[], note?: string): void {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value: string | number | undefined) =>
    typeof value === 'number'
      ? Number.isInteger(value)
        ? String(value)
        : value.toFixed(value < 10 ? 2 : 1)
      : (value ?? '');
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join('  ');
  process.stdout.write(`\n${title}\n${line(columns)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const row of rows) process.stdout.write(`${line(columns.map((c) => cell(row[c])))}\n`);
  if (note) process.stdout.write(`${note}\n`);
}

const resultsFile = new URL('../results/latest.json', import.meta.url);

/** Merges one benchmark's figures into bench/results/latest.json, with the machine they came from. */
export async function saveResult(name: string, figures: unknown): Promise<void> {
  await mkdir(new URL('.', resultsFile), { recursive: true });
  const previous = await readFile(resultsFile, 'utf8').then(
    (text) => JSON.parse(text) as { benchmarks: Record<string, unknown> },
    () => ({ benchmarks: {} }),
  );
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
  const next = {
    machine,
    updatedAt: new Date().toISOString(),
    benchmarks: {
      ...previous.benchmarks,
      [name]: { measuredAt: new Date().toISOString(), ...((figures as object) ?? {}) },
    },
  };
  await writeFile(resultsFile, `${JSON.stringify(next, null, 2)}\n`);
}

export const ratio = (value: number, baseline: number) => (baseline === 0 ? 0 : value / baseline);
