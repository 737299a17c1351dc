import { performance } from 'node:perf_hooks';
import { parse, serialize } from 'parse5';
import { allAttackVectors } from '../tests/support/attack-corpora.ts';
import { sanitizeBundle } from '../worker/sanitize/sanitize-bundle.ts';
import { modelPage } from './support/model-page.ts';
import { printTable, ratio, saveResult } from './support/report.ts';

const BUDGET_MS = Number(process.env.BENCH_SANITIZER_MS ?? 2000);
/** Baseline and sanitizer take turns this long each, so a change in the machine's load hits both alike. */
const ROUND_MS = 50;

const PAGES = [
  {
    label: 'corpora',
    note: `${allAttackVectors.length} pages, one per corpus vector`,
    pages: allAttackVectors.map((v) => v.vector),
  },
  { label: '10 KB', note: 'model-like page', pages: [modelPage(10 * 1024)] },
  { label: '100 KB', note: 'model-like page', pages: [modelPage(100 * 1024)] },
  { label: '1 MB', note: 'model-like page', pages: [modelPage(1024 * 1024)] },
];

/**
 * Sanitizer throughput and p99 per page: every XSS and exfiltration vector of the corpora as a page
 * of its own, and model-like pages (bench/support/model-page.ts) of 10 KB, 100 KB and 1 MB, each as
 * the index.html of a bundle through sanitizeBundle (bundle rules, cleaning, the final check, the
 * size budget). Baseline: parsing and serializing the same page with parse5 — the least any
 * HTML-aware sanitizer must do — measured in turns with the sanitizer.
 */
export async function benchSanitizer() {
  const rows = [];
  const figures: Record<string, unknown> = {};
  for (const { label, note, pages } of PAGES) {
    const bytes = pages.reduce((sum, page) => sum + Buffer.byteLength(page), 0);
    const bundles = pages.map((content) => ({ title: 'Bench', summary: '', files: [{ path: 'index.html', content }] }));
    const [baseline, sanitizer] = measureInTurns(
      () => pages.map((page) => () => serialize(parse(page))),
      () => bundles.map((bundle) => () => sanitizeBundle(bundle)),
    );
    const mbPerSec = (m: Measured) => bytes / 2 ** 20 / (m.cpuMs / m.passes / 1000);
    rows.push(
      {
        page: label,
        bytes,
        step: 'parse5 parse + serialize (baseline)',
        'MB/s': mbPerSec(baseline),
        'p99 ms': baseline.p99Ms,
        calls: baseline.calls,
        'vs baseline': '1.00×',
      },
      {
        page: label,
        bytes,
        step: 'sanitizeBundle',
        'MB/s': mbPerSec(sanitizer),
        'p99 ms': sanitizer.p99Ms,
        calls: sanitizer.calls,
        'vs baseline': `${ratio(mbPerSec(sanitizer), mbPerSec(baseline)).toFixed(2)}×`,
      },
    );
    figures[label] = {
      note,
      bytes,
      baseline: { ...baseline, mbPerSec: mbPerSec(baseline) },
      sanitizer: { ...sanitizer, mbPerSec: mbPerSec(sanitizer) },
      ratio: ratio(mbPerSec(sanitizer), mbPerSec(baseline)),
    };
  }
  printTable(
    `Sanitizer (${BUDGET_MS} ms per page size, baseline and sanitizer in ${ROUND_MS} ms turns)`,
    rows,
    "MB/s: input page bytes per second of this process's CPU time (other load on the machine does not count); p99: wall-clock per page (per corpus vector on the corpora row)",
  );
  await saveResult('sanitizer', figures);
  return figures;
}

interface Measured {
  /** Calls made (one per page). */
  calls: number;
  /** Passes over all the row's pages. */
  passes: number;
  /** This process's CPU time over its turns: what throughput is computed from, unaffected by other load. */
  cpuMs: number;
  /** Wall-clock time of one call (one page), 99th percentile: what a job waits, other load included. */
  p99Ms: number;
}

const cpuMsNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Runs `a` and `b` (one function per page) in alternating turns for BUDGET_MS in all. */
function measureInTurns(a: () => (() => unknown)[], b: () => (() => unknown)[]): [Measured, Measured] {
  const runs = [a(), b()];
  for (const calls of runs) for (let i = 0; i < 3; i++) for (const call of calls) call(); // warm up
  const times: number[][] = [[], []];
  const cpu = [0, 0];
  const passes = [0, 0];
  const end = performance.now() + BUDGET_MS;
  while (performance.now() < end || passes[0]! < 5 || passes[1]! < 5) {
    for (const which of [0, 1]) {
      const turnEnd = performance.now() + ROUND_MS;
      const cpuAtStart = cpuMsNow();
      do {
        for (const call of runs[which]!) {
          const start = performance.now();
          call();
          times[which]!.push(performance.now() - start);
        }
        passes[which]! += 1;
      } while (performance.now() < turnEnd);
      cpu[which]! += cpuMsNow() - cpuAtStart;
    }
  }
  const summary = (which: number): Measured => {
    const sorted = times[which]!.sort((x, y) => x - y);
    return {
      calls: sorted.length,
      passes: passes[which]!,
      cpuMs: cpu[which]!,
      p99Ms: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!,
    };
  };
  return [summary(0), summary(1)];
}

if (import.meta.url === `file://${process.argv[1]}`) await benchSanitizer();
