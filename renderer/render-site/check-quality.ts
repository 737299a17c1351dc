import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { QualityFinding } from '../../shared/previews/index.ts';

/** What the check found on one version, at phone width. */
export interface QualityReport {
  findings: QualityFinding[];
  /** How far the page scrolls sideways at phone width, in CSS pixels (0: it fits). */
  sidewaysPx: number;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core against the page as it is laid out now, and measures sideways scrolling. The page's
 * JavaScript is off and its CSP sandboxes it, so the page's timers never fire: axe's own setTimeout
 * calls are made to run as promise callbacks, which is all it uses them for (yielding between rules).
 */
export async function checkQuality(page: Page): Promise<QualityReport> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    // Runs in the page (DevTools protocol), not here: nothing from the module scope reaches it.
    const scope = window as unknown as {
      axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> };
    };
    type AxeViolation = { id: string; impact: string | null; nodes: unknown[]; help: string };
    // A resolved promise's callback: queueMicrotask, like timers, never runs in such a page.
    window.setTimeout = ((callback: () => void) => {
      void Promise.resolve().then(callback);
      return 0;
    }) as unknown as typeof window.setTimeout;
    window.clearTimeout = () => undefined;
    // The WCAG 2.x A and AA rules: what "usable" means here, and a third fewer rules than axe's default set.
    const { violations } = await scope.axe.run(document, {
      resultTypes: ['violations'],
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    const root = document.scrollingElement ?? document.documentElement;
    return {
      findings: violations.map((v) => ({
        rule: v.id,
        impact: v.impact ?? 'minor',
        elements: v.nodes.length,
        help: v.help,
      })),
      sidewaysPx: Math.max(0, root.scrollWidth - document.documentElement.clientWidth),
    };
  });
}
