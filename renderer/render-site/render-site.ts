import type { Page } from 'playwright-core';
import { checkQuality, type QualityReport } from './check-quality.ts';
import { sideBySide } from './side-by-side.ts';
import { DESKTOP, PHONE } from './widths.ts';

export interface SiteRender {
  /** What the chat shows: the phone and the desktop view side by side (PNG). */
  picture: Buffer;
  phone: Buffer;
  desktop: Buffer;
  quality: QualityReport;
}

/**
 * Loads a published version from the preview origin, as a visitor would (its headers, its CSP), and
 * takes it at phone width (with the quality check there) and at desktop width: the first screen of
 * each, as a visitor sees it on opening the link.
 */
export async function renderSite(page: Page, url: string): Promise<SiteRender> {
  await page.setViewportSize(PHONE);
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response?.ok()) throw new Error(`the preview answered ${response?.status() ?? 'nothing'} for the version`);
  const phone = await page.screenshot({ type: 'png', animations: 'disabled', caret: 'hide' });
  const quality = await checkQuality(page);
  await page.setViewportSize(DESKTOP);
  const desktop = await page.screenshot({ type: 'png', animations: 'disabled', caret: 'hide' });
  return { picture: await sideBySide(page, phone, desktop), phone, desktop, quality };
}
