import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { pino } from 'pino';
import { browserMemoryBytes } from '../renderer/browser/browser-memory.ts';
import { PageBrowser } from '../renderer/browser/page-browser.ts';
import { renderSite } from '../renderer/render-site/render-site.ts';
import { PHONE } from '../renderer/render-site/widths.ts';
import { openPreviewStorage, previewUrl } from '../shared/previews/index.ts';
import { composeSite } from '../worker/generate/mock/compose-site.ts';
import { publishVersion } from '../worker/publish-bundle/publish-version.ts';
import { sanitizeBundle } from '../worker/sanitize/sanitize-bundle.ts';
import { printTable, ratio, saveResult } from './support/report.ts';
import { spawnServer } from './support/spawn-server.ts';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Seconds each of the four measurements runs (sequential baseline and render, then 4 at once of each). */
const SECONDS = Number(process.env.BENCH_RENDERER_SEC ?? 15);
const CONCURRENT = 4;

/** Sites the mock provider makes from these, published and served by the real preview server. */
const PROMPTS = [
  'a landing page for a coffee shop called Bean There, with a menu, prices and opening hours',
  'a portfolio for a wedding photographer with a gallery, pricing and contact',
  '강남에 있는 한식당 메뉴 페이지, 가격과 영업시간 포함',
  'SaaS pricing page for TaskFlow with three tiers, a comparison table and an FAQ',
];

/**
 * The renderer's cost per site with a warm browser: renderSite (both widths, the quality check with
 * axe-core, the side-by-side picture) on real mock-provider pages served by the preview server in
 * its own process, one at a time (p50/p95) and four at once (throughput, and the memory of this
 * process plus the browser's processes, sampled every 100 ms). Baseline, in the same run and the
 * same browser: a bare page.goto + page.screenshot of the same pages.
 */
export async function benchRenderer() {
  const previewsDir = await mkdtemp(path.join(tmpdir(), 'ao-bench-render-'));
  const storage = await openPreviewStorage({ kind: 'fs', dir: previewsDir });
  const preview = await spawnServer('preview.ts', { PREVIEWS_DIR: previewsDir });
  const urls: string[] = [];
  for (const prompt of PROMPTS) {
    const { previewId, version } = await publishVersion(storage, sanitizeBundle(composeSite(prompt)), {
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    urls.push(previewUrl(preview.url, previewId, 'path', version));
  }
  const log = pino({ level: 'silent' });
  const browser = new PageBrowser({ chromiumPath: CHROMIUM_PATH, maxBytes: Number.MAX_SAFE_INTEGER, log });
  // The baseline's own browser: the same binary, one page per loop, nothing else.
  const bare = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--disable-dev-shm-usage'] });
  const barePages = await Promise.all(
    Array.from({ length: CONCURRENT }, async () =>
      (await bare.newContext({ javaScriptEnabled: false, viewport: PHONE })).newPage(),
    ),
  );
  const baseline = (loop: number) => async (url: string) => {
    await barePages[loop]!.goto(url);
    await barePages[loop]!.screenshot({ type: 'png' });
  };
  const render = () => async (url: string) => {
    await browser.withPage(30_000, (page) => renderSite(page, url));
  };
  try {
    // Warm: the first launch and first pages cost seconds that a running renderer paid long ago. One
    // browser at a time, so each memory figure is that browser's alone.
    for (const url of urls) await baseline(0)(url);
    const baseline1 = await measure(urls, 1, baseline);
    const baseline4 = await measure(urls, CONCURRENT, baseline);
    await bare.close();
    for (const url of urls) await render()(url);
    const results = {
      baseline: baseline1,
      render: await measure(urls, 1, render),
      baseline4,
      render4: await measure(urls, CONCURRENT, render),
    };
    const row = (step: string, m: Measured, base: Measured) => ({
      step,
      'at once': m.concurrent,
      renders: m.count,
      'p50 ms': m.p50Ms,
      'p95 ms': m.p95Ms,
      'per s': m.perSecond,
      'peak MB': m.peakBytes / 2 ** 20,
      'p95 vs baseline': `${ratio(m.p95Ms, base.p95Ms).toFixed(2)}×`,
    });
    printTable(
      `Renderer (${SECONDS} s each, warm browser, ${urls.length} mock-provider pages from the preview server)`,
      [
        row('page.goto + screenshot (baseline)', results.baseline, results.baseline),
        row('renderSite: 2 widths + axe + picture', results.render, results.baseline),
        row('page.goto + screenshot (baseline)', results.baseline4, results.baseline4),
        row('renderSite: 2 widths + axe + picture', results.render4, results.baseline4),
      ],
      "peak MB: this process (RSS) plus the browser it drives (browserMemoryBytes: its processes' own memory, its mapped files once), sampled every 100 ms; the baseline browser is closed before the renderer's starts",
    );
    await saveResult('renderer', { seconds: SECONDS, pages: urls.length, ...results });
    return results;
  } finally {
    await browser.close();
    await bare.close();
    await preview.stop();
    await storage.close();
    await rm(previewsDir, { recursive: true, force: true });
  }
}

interface Measured {
  concurrent: number;
  count: number;
  p50Ms: number;
  p95Ms: number;
  perSecond: number;
  /** This process's RSS plus its browsers' PSS, at its highest. */
  peakBytes: number;
}

/** Runs `concurrent` loops of `step` over the pages for SECONDS, timing each call and sampling memory. */
async function measure(
  urls: string[],
  concurrent: number,
  step: (loop: number) => (url: string) => Promise<void>,
): Promise<Measured> {
  const times: number[] = [];
  let peakBytes = 0;
  const sample = () => (peakBytes = Math.max(peakBytes, process.memoryUsage.rss() + browserMemoryBytes()));
  const sampler = setInterval(sample, 100);
  const end = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrent }, async (_, loop) => {
      const call = step(loop);
      for (let i = loop; performance.now() < end; i++) {
        const start = performance.now();
        await call(urls[i % urls.length]!);
        times.push(performance.now() - start);
      }
    }),
  );
  const elapsedS = (performance.now() - started) / 1000;
  clearInterval(sampler);
  sample();
  const sorted = times.sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return {
    concurrent,
    count: sorted.length,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    perSecond: sorted.length / elapsedS,
    peakBytes,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) await benchRenderer();
