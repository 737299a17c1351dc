import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle } from '../../../shared/bundle.ts';
import { newPreviewId } from '../../../shared/previews/index.ts';
import { UnsafeBundleError } from '../../../shared/errors.ts';
import { sanitizeBundle } from '../../../worker/sanitize/sanitize-bundle.ts';
import { launchAttackBrowser, type AttackBrowser, type VisitReport } from '../../support/attack-browser.ts';
import { allAttackVectors } from '../../support/attack-corpora.ts';
import { skipWithoutChromium } from '../../support/chromium.ts';

/**
 * The first wall on its own: every public XSS and exfiltration vector goes through the sanitizer,
 * and what comes out is served with NO Content-Security-Policy and no other protective header, then
 * loaded — and clicked — in real Chromium. It must run no script and reach nothing but its own origin.
 */

let browser: AttackBrowser;
let site: BareSite;

const noChromium = skipWithoutChromium('tests/worker/sanitize/corpus-in-chromium');
beforeAll(async () => {
  if (noChromium) return;
  [browser, site] = await Promise.all([launchAttackBrowser(), startBareSite()]);
});

afterAll(async () => {
  await Promise.allSettled(reports.values());
  await browser?.close();
  await site?.close();
});

function sanitizeVector(html: string): Bundle {
  return sanitizeBundle({ title: 'Corpus', summary: '', files: [{ path: 'index.html', content: html }] });
}

/**
 * Every vector's visit, started in beforeAll so the browser's lanes work through them while the
 * tests wait in turn. Many vectors sanitize to the very same page (an empty body, a bare `<img>`):
 * a browser does the same with the same bytes, so each distinct page is visited once, its report shared.
 */
const reports = new Map<string, Promise<VisitReport>>();
function startVisits(): void {
  if (noChromium) return;
  const byPage = new Map<string, Promise<VisitReport>>();
  for (const { id, vector } of allAttackVectors) {
    const bundle = sanitizeVector(vector);
    const key = JSON.stringify(bundle.files);
    if (!byPage.has(key)) byPage.set(key, browser.visit(site.publish(bundle), { interact: true }));
    const report = byPage.get(key)!;
    report.catch(() => undefined); // awaited (and reported) by its own test
    reports.set(id, report);
  }
}

describe('every corpus vector, sanitized, in Chromium without any CSP', () => {
  beforeAll(startVisits);

  it.each(allAttackVectors)(
    '$id ($category) runs no script and reaches nothing outside its origin once sanitized',
    async ({ id, vector }) => {
      expect(await reports.get(id), vector).toMatchObject({ scriptSignals: [], offOriginRequests: [], beaconHits: [] });
    },
  );
});

it('cleans every corpus vector instead of refusing it: the final parse5 check never has to step in', () => {
  const refused = allAttackVectors.flatMap(({ id, vector }) => {
    try {
      sanitizeVector(vector);
      return [];
    } catch (error) {
      if (error instanceof UnsafeBundleError) return [`${id}: ${error.message}`];
      throw error;
    }
  });
  expect(refused).toEqual([]);
});

it('saw no request, beacon hit or script between visits, where no vector could own it', async () => {
  await Promise.allSettled(reports.values());
  // One plain visit per lane after the last vector's: what a sanitized page still did after its
  // visit ended arrives before the next visit takes the lane, and counts as unattributed. (The
  // controls below run live attacks on purpose, so this is checked before them.)
  await Promise.all(
    Array.from({ length: 3 }, () => browser.visit(site.publishRaw('<!DOCTYPE html><p>after</p>'), { interact: false })),
  );
  expect(browser.unattributed).toEqual([]);
});

describe('control: the rig notices an attack when nothing stops it', () => {
  it.each([
    ['an error handler', '<img src="x" onerror="alert(1)">', 'scriptSignals'],
    ['a javascript: link, once clicked', '<a href="javascript:void(0)">x</a>', 'scriptSignals'],
    ['a console call from an inline script', '<script>console.log(1)</script>', 'scriptSignals'],
    ['an external image', '<img src="https://evil.example/i.png">', 'offOriginRequests'],
    ['a meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example/">', 'offOriginRequests'],
    [
      'a ping sent when a link is clicked',
      '<a href="https://evil.example/" ping="https://evil.example/ping">x</a>',
      'offOriginRequests',
    ],
    [
      'the TLS connection Chromium opens for a frame before any request',
      '<iframe src="https://evil.example/"></iframe>',
      'beaconHits',
    ],
  ] as const)('reports %s in a raw page served without CSP', async (_label, html, field) => {
    const url = site.publishRaw(html);
    const report = await browser.visit(url, { interact: true });
    expect(report[field]).not.toEqual([]);
  });

  it('counts a clicked https link as followed by the user, not as a leak', async () => {
    const url = site.publish(sanitizeVector('<a href="https://example.org/">elsewhere</a>'));
    const report = await browser.visit(url, { interact: true });
    expect(report).toMatchObject({
      followedLinks: ['https://example.org/'],
      scriptSignals: [],
      offOriginRequests: [],
      beaconHits: [],
    });
  });
});

interface BareSite {
  /** Serves a sanitized bundle under /p/<id>/ and returns its URL. */
  publish(bundle: Bundle): string;
  /** Serves one HTML page as it is, for the control tests. */
  publishRaw(html: string): string;
  close(): Promise<void>;
}

/** Bundle files by path, served with a content type and nothing else: no CSP, no nosniff, no CORP. */
async function startBareSite(): Promise<BareSite> {
  const files = new Map<string, Buffer>();
  const server: Server = createServer((request, response) => {
    const body = files.get((request.url ?? '/').replace(/\?.*$/, '').replace(/\/$/, '/index.html'));
    if (!body) return response.writeHead(404).end();
    const type = request.url?.endsWith('.css')
      ? 'text/css'
      : request.url?.endsWith('.png')
        ? 'image/png'
        : 'text/html; charset=utf-8';
    response.writeHead(200, { 'content-type': type }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const publish = (entries: [string, Buffer][]) => {
    const previewId = newPreviewId();
    for (const [path, content] of entries) files.set(`/p/${previewId}/${path}`, content);
    return `${origin}/p/${previewId}/`;
  };
  return {
    publish: (bundle) =>
      publish(
        bundle.files.map((file) => [
          file.path,
          Buffer.from(file.content, file.encoding === 'base64' ? 'base64' : 'utf8'),
        ]),
      ),
    publishRaw: (html) => publish([['index.html', Buffer.from(html)]]),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
