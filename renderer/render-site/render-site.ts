import type { Page } from 'playwright-core';
import { checkQuality, type QualityReport } from './check-quality.ts';
import { sideBySide } from './side-by-side.ts';
import { DESKTOP, PHONE } from './widths.ts';

/**
 * The two views are JPEGs (quick to encode and to draw again into the picture, where PNGs of a
 * photo-heavy page cost several times more); only the picture the chat gets is a PNG.
 */
const SHOT = { type: 'jpeg', quality: 90, animations: 'disabled', caret: 'hide' } as const;

export interface SiteRender {
  /** What the chat shows: the phone and the desktop view side by side (PNG). */
  picture: Buffer;
  /** The phone view (JPEG). */
  phone: Buffer;
  /** The desktop view (JPEG). */
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
  const phone = await page.screenshot(SHOT);
  const quality = await checkQuality(page);
  await page.setViewportSize(DESKTOP);
  const desktop = await page.screenshot(SHOT);
  return { picture: await sideBySide(page, phone, desktop), phone, desktop, quality };
}
