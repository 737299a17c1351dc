import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchAttackBrowser, type AttackBrowser, type VisitReport } from '../support/attack-browser.ts';
import { allAttackVectors } from '../support/attack-corpora.ts';
import {
  expectSecurityHeaders,
  publishRawPage,
  rawRequest,
  startPreviewTestServer,
  type PreviewTestServer,
} from './preview-test-server.ts';
import { skipWithoutChromium } from '../support/chromium.ts';

/**
 * The second wall on its own: every public XSS and exfiltration vector is written into a bundle
 * exactly as the corpus has it — no sanitizer — and served by the real preview server with its
 * production headers, then loaded and clicked in real Chromium. It must run no script and reach
 * nothing but the preview's own origin.
 */

let server: PreviewTestServer;
let browser: AttackBrowser;
/** Every vector's visit, started at once: the browser's lanes work through them while the tests wait in turn. */
const reports = new Map<string, Promise<VisitReport>>();

const noChromium = skipWithoutChromium('tests/preview/corpus-behind-headers');
beforeAll(async () => {
  if (noChromium) return;
  // Visits mostly wait (settle time, clicks), so more lanes than cores still pays.
  [server, browser] = await Promise.all([startPreviewTestServer(), launchAttackBrowser({ lanes: 6 })]);
  // All written first, then visited in corpus order, so each test finds its visit among the first done.
  const previewIds = await Promise.all(
    allAttackVectors.map(({ vector }) => publishRawPage(server.previewsDir, vector)),
  );
  allAttackVectors.forEach(({ id }, index) => {
    const report = browser.visit(`${server.baseUrl}/p/${previewIds[index]}/`, { interact: true });
    report.catch(() => undefined); // awaited (and reported) by its own test
    reports.set(id, report);
  });
});

afterAll(async () => {
  await Promise.allSettled(reports.values());
  await browser?.close();
  await server?.close();
});

describe("every corpus vector, unsanitized, behind the preview server's headers in Chromium", () => {
  it.each(allAttackVectors)(
    '$id ($category) runs no script and reaches nothing outside the preview origin when served raw',
    async ({ id, vector }) => {
      expect(await reports.get(id), vector).toMatchObject({ scriptSignals: [], offOriginRequests: [], beaconHits: [] });
    },
  );
});

it('serves the raw vectors with the production headers', async () => {
  const previewId = await publishRawPage(server.previewsDir, allAttackVectors[0]!.vector);
  const response = await rawRequest(server.port, 'GET', `/p/${previewId}/`);
  expect(response.status).toBe(200);
  expectSecurityHeaders(response.headers);
});

it('saw no request, beacon hit or script between visits, where no vector could own it', () => {
  expect(browser.unattributed).toEqual([]);
});
