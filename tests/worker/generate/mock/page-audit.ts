import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { AxeResults } from 'axe-core';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from '../../../support/chromium.ts';

/**
 * Real Chromium looking at a published page the way a visitor does — from the preview server,
 * under its Content-Security-Policy — and auditing it with axe-core.
 *
 * The preview's CSP has `sandbox` without `allow-scripts`, so nothing can run in the page, axe
 * included (its timers are blocked). So each page is loaded twice at each width: once as served,
 * to see it as visitors do (CSP messages, sideways scrolling, a screenshot), and once with CSP
 * bypassed, to run axe. The two screenshots must be identical, which proves axe judged exactly
 * the page visitors get.
 */

export const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface WidthReport {
  /** Console messages about the CSP blocking something the page uses. */
  cspMessages: string[];
  /** How much wider than the viewport the page is, in CSS pixels (0 = no sideways scrolling). */
  overflowPx: number;
  /** The page as a visitor sees it, full length. */
  screenshot: Buffer;
  /** The same page with the CSP bypassed, where axe ran. */
  auditedScreenshot: Buffer;
  /** axe violations with serious or critical impact: rule id, impact and where. */
  seriousFindings: string[];
}

/** One browser with a served and a CSP-bypassed context per viewport, reused across pages. */
export interface PageAuditor {
  audit(url: string): Promise<{ viewport: (typeof VIEWPORTS)[number]['name']; report: WidthReport }[]>;
  close(): Promise<void>;
}

export async function startPageAuditor(): Promise<PageAuditor> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  const lanes = await Promise.all(
    VIEWPORTS.map(async ({ name, width, height }) => ({
      name,
      served: await browser.newContext({ viewport: { width, height } }),
      bypassed: await browser.newContext({ viewport: { width, height }, bypassCSP: true }),
    })),
  );
  return {
    async audit(url) {
      const reports = [];
      for (const lane of lanes) reports.push({ viewport: lane.name, report: await auditAtWidth(lane, url) });
      return reports;
    },
    close: () => browser.close(),
  };
}

async function auditAtWidth(
  lane: { served: BrowserContext; bypassed: BrowserContext },
  url: string,
): Promise<WidthReport> {
  const page = await lane.served.newPage();
  const audited = await lane.bypassed.newPage();
  try {
    const messages: string[] = [];
    page.on('console', (message) => messages.push(message.text()));
    await page.goto(url, { waitUntil: 'load' });
    const overflowPx = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    const screenshot = await page.screenshot({ fullPage: true });

    await audited.goto(url, { waitUntil: 'load' });
    const auditedScreenshot = await audited.screenshot({ fullPage: true });
    const results = await runAxe(audited);
    return {
      cspMessages: messages.filter((text) => /Content Security Policy|Refused to/i.test(text)),
      overflowPx,
      screenshot,
      auditedScreenshot,
      seriousFindings: results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    };
  } finally {
    await page.close();
    await audited.close();
  }
}

async function runAxe(page: Page): Promise<AxeResults> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(() =>
    (window as unknown as { axe: typeof import('axe-core') }).axe.run(document, { resultTypes: ['violations'] }),
  );
}
