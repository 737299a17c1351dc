import { performance } from 'node:perf_hooks';
import { parse, serialize } from 'parse5';
import { composeSite } from '../worker/generate/mock/compose-site.ts';
import { sanitizeBundle } from '../worker/sanitize/sanitize-bundle.ts';
import { printTable, ratio, saveResult } from './support/report.ts';

const BUDGET_MS = Number(process.env.BENCH_SANITIZER_MS ?? 1000);
const SIZES = [
  { label: '10 KB', bytes: 10 * 1024 },
  { label: '100 KB', bytes: 100 * 1024 },
  { label: '1 MB', bytes: 1024 * 1024 },
];

/**
 * Sanitizer throughput and p99 for typical generated pages of 10 KB, 100 KB and 1 MB (the mock
 * provider's page, its sections repeated, with a sprinkling of hostile markup). Baseline: parsing
 * and serializing the same page with parse5 — the least any HTML-aware sanitizer must do.
 */
export async function benchSanitizer() {
  const rows = [];
  const figures: Record<string, unknown> = {};
  for (const size of SIZES) {
    const html = generatedPage(size.bytes);
    const mb = Buffer.byteLength(html) / 2 ** 20;
    const baseline = measure(() => serialize(parse(html)));
    const sanitizer = measure(() =>
      sanitizeBundle({ title: 'Bench', summary: '', files: [{ path: 'index.html', content: html }] }),
    );
    const mbPerSec = (m: Measured) => mb / (m.meanMs / 1000);
    rows.push(
      {
        page: size.label,
        step: 'parse5 parse + serialize (baseline)',
        'MB/s': mbPerSec(baseline),
        'p99 ms': baseline.p99Ms,
        runs: baseline.runs,
        'vs baseline': '1.00×',
      },
      {
        page: size.label,
        step: 'sanitizeBundle',
        'MB/s': mbPerSec(sanitizer),
        'p99 ms': sanitizer.p99Ms,
        runs: sanitizer.runs,
        'vs baseline': `${ratio(mbPerSec(sanitizer), mbPerSec(baseline)).toFixed(2)}×`,
      },
    );
    figures[size.label] = {
      bytes: Buffer.byteLength(html),
      baseline: { ...baseline, mbPerSec: mbPerSec(baseline) },
      sanitizer: { ...sanitizer, mbPerSec: mbPerSec(sanitizer) },
    };
  }
  printTable(`Sanitizer (${BUDGET_MS} ms per measurement)`, rows);
  await saveResult('sanitizer', figures);
  return figures;
}

interface Measured {
  runs: number;
  meanMs: number;
  p99Ms: number;
}

function measure(fn: () => unknown): Measured {
  for (let i = 0; i < 3; i++) fn(); // warm up
  const times: number[] = [];
  const end = performance.now() + BUDGET_MS;
  while (performance.now() < end || times.length < 5) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const meanMs = times.reduce((a, b) => a + b, 0) / times.length;
  return { runs: times.length, meanMs, p99Ms: times[Math.min(times.length - 1, Math.floor(times.length * 0.99))]! };
}

function generatedPage(bytes: number): string {
  const [html, css] = composeSite('A landing page for Bean There Coffee, a coffee shop in Lisbon').files.map(
    (file) => file.content,
  ) as [string, string];
  const [head, rest] = html.split(/<body[^>]*>/) as [string, string];
  const [body] = rest.split('</body>') as [string];
  const hostile =
    '<p onclick="alert(1)">Tap <a href="javascript:alert(2)">here</a><img src="x" onerror="alert(3)"></p><script>alert(4)</script>';
  let content = '';
  while (head.length + content.length + css.length < bytes) content += body + hostile;
  return `${head.replace('</head>', `<style>${css}</style></head>`)}<body>${content}</body></html>`;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchSanitizer();
