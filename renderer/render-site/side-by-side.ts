import type { Page } from 'playwright-core';
import { DESKTOP, PHONE } from './widths.ts';

const GAP = 24;
/** The desktop view is shown at this scale beside the phone, so the phone's text stays readable in a chat. */
const DESKTOP_SCALE = 0.7;

/** Size of the picture sideBySide makes, in pixels. */
export const PICTURE = {
  width: GAP + PHONE.width + GAP + Math.round(DESKTOP.width * DESKTOP_SCALE) + GAP,
  height: GAP + PHONE.height + GAP,
};

/**
 * One picture of both views (a photo message carries one picture and the buttons): the phone view
 * on the left, the desktop view scaled beside it, on a plain background. Drawn by the same page
 * (the screenshots as data: images, which the preview's CSP allows), so no other page is needed.
 */
export async function sideBySide(page: Page, phone: Buffer, desktop: Buffer): Promise<Buffer> {
  const image = (jpeg: Buffer, width: number, height: number) =>
    `<img alt="" width="${width}" height="${height}" src="data:image/jpeg;base64,${jpeg.toString('base64')}">`;
  await page.setViewportSize(PICTURE);
  await page.setContent(
    `<!doctype html><body style="margin:0;background:#e8eaed;display:flex;align-items:flex-start;gap:${GAP}px;padding:${GAP}px">` +
      image(phone, PHONE.width, PHONE.height) +
      image(desktop, Math.round(DESKTOP.width * DESKTOP_SCALE), Math.round(DESKTOP.height * DESKTOP_SCALE)) +
      '</body>',
    { waitUntil: 'load' },
  );
  return page.screenshot({ type: 'png' });
}
