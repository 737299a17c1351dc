import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sanitizeBundle } from '../../../worker/sanitize/sanitize-bundle.ts';
import { CHROMIUM_PATH, skipWithoutChromium } from '../../support/chromium.ts';

/**
 * The sanitizer must hold on its own, without the preview's CSP. So: a hostile page whose every
 * trick phones a local "beacon" server, sanitized, then served with NO CSP to real Chromium.
 * The control test loads the unsanitized page first, proving the rig would notice an attack.
 */

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

interface LocalServer {
  origin: string;
  hits: string[];
  close: () => Promise<void>;
}

/** Answers every request with `respond`, remembering the paths it was asked for. */
async function startServer(
  respond: (path: string) => { status: number; type?: string; body?: string },
): Promise<LocalServer> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const { status, type, body } = respond(req.url ?? '/');
    res.writeHead(status, type ? { 'content-type': type } : {});
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let browser: Browser;
let beacon: LocalServer;
let hostileHtml: string;

const noChromium = skipWithoutChromium('tests/worker/sanitize/sanitized-page-in-chromium');
beforeAll(async () => {
  if (noChromium) return;
  // 204 for everything: a meta refresh to the beacon then stays on the page instead of navigating.
  beacon = await startServer(() => ({ status: 204 }));
  hostileHtml = readFileSync(
    new URL('../../fixtures/sanitize/chromium-attack.html', import.meta.url),
    'utf8',
  ).replaceAll('BEACON', beacon.origin);
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await beacon?.close();
});

/** Serves the page (no CSP, no other protective header), loads it, pokes it, reports what happened. */
async function visit(html: string): Promise<{ title: string; dialogs: string[]; beaconHits: string[] }> {
  beacon.hits.length = 0;
  const site = await startServer((path) =>
    path === '/' ? { status: 200, type: 'text/html; charset=utf-8', body: html } : { status: 404 },
  );
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${site.origin}/`, { waitUntil: 'load' });
    await page.click('#js-link', { timeout: 2000 }).catch(() => undefined);
    // Give late loads (fonts, lazy images, the meta refresh) time to reach the beacon.
    await page.waitForTimeout(1000);
    return { title: await page.title(), dialogs, beaconHits: [...beacon.hits] };
  } finally {
    await context.close();
    await site.close();
  }
}

describe('a sanitized hostile page in real Chromium, served without CSP', () => {
  it('control: the unsanitized page does run script and does reach the beacon', async () => {
    const result = await visit(hostileHtml);
    expect(result.dialogs.length).toBeGreaterThan(0);
    expect(result.title).not.toBe('Original title');
    expect(result.beaconHits).toEqual(
      expect.arrayContaining(['/css-background.png', '/inline-style.png', '/img.png', '/font.woff2', '/import.css']),
    );
  });

  it('shows no dialog, keeps its title and never contacts the beacon', async () => {
    const bundle = sanitizeBundle({
      title: 'Hostile',
      summary: '',
      files: [{ path: 'index.html', content: hostileHtml }],
    });
    const sanitized = bundle.files[0]!.content;
    expect(sanitized).not.toContain(beacon.origin);

    const result = await visit(sanitized);

    expect(result.dialogs).toEqual([]);
    expect(result.title).toBe('Original title');
    expect(result.beaconHits).toEqual([]);
  });
});
