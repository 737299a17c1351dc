import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { publishFixture, startPreviewTestServer, type PreviewTestServer } from './preview-test-server.ts';
import { CHROMIUM_PATH, skipWithoutChromium } from '../support/chromium.ts';

let server: PreviewTestServer;
let browser: Browser;
let beacon: Server;
let beaconOrigin: string;
/** Paths the beacon was asked for, in order. */
const beaconRequests: string[] = [];

const noChromium = skipWithoutChromium('tests/preview/browser-csp');
beforeAll(async () => {
  if (noChromium) return;
  server = await startPreviewTestServer();
  // Stands in for an attacker's server: any request the page makes to another origin lands here.
  beacon = createServer((request, response) => {
    beaconRequests.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'image/gif' }).end();
  });
  await new Promise<void>((resolve) => beacon.listen(0, '127.0.0.1', resolve));
  beaconOrigin = `http://127.0.0.1:${(beacon.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  if (beacon) await new Promise((resolve) => beacon.close(resolve));
  await server?.close();
});

it('a real browser renders the page with its inline styles but runs no script and sends nothing to another origin', async () => {
  const previewId = await publishFixture(server.previewsDir, 'hostile', { BEACON_URL: `${beaconOrigin}/hit` });
  const page = await browser.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  // Control: the browser can reach the beacon, so no /hit below means the policy blocked it.
  // (Its own path, because the browser also fetches /favicon.ico from the beacon in the background.)
  await page.goto(`${beaconOrigin}/control`);
  expect(beaconRequests).toContain('/control');

  const response = await page.goto(`${server.baseUrl}/p/${previewId}/`, { waitUntil: 'load' });
  expect(response?.status()).toBe(200);
  // Give a late onerror handler or image request time to happen if it were going to.
  await page.waitForTimeout(500);

  expect(dialogs).toEqual([]);
  expect(await page.locator('#target').textContent()).toBe('untouched');
  expect(beaconRequests.filter((url) => url.startsWith('/hit'))).toEqual([]);
  const background = await page.locator('body').evaluate((body) => getComputedStyle(body).backgroundColor);
  expect(background).toBe('rgb(10, 20, 30)');
  await page.close();
});
