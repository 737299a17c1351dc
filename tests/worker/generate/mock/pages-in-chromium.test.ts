import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle } from '../../../../shared/bundle.ts';
import { newPreviewId } from '../../../../shared/previews/index.ts';
import { createMockProvider } from '../../../../worker/generate/mock-provider.ts';
import { sanitizeBundle } from '../../../../worker/sanitize/sanitize-bundle.ts';
import { startPreviewTestServer, versionFolder, type PreviewTestServer } from '../../../preview/preview-test-server.ts';
import { skipWithoutChromium } from '../../../support/chromium.ts';
import { startPageAuditor, type PageAuditor } from './page-audit.ts';
import { PROMPT_TABLE } from './prompt-table.ts';

/**
 * Every page of the prompt table, and a few revised ones, as visitors get them: the provider's
 * answer through the sanitizer, published as a version on the real preview server, opened in
 * Chromium under the preview's CSP at phone and desktop width.
 */

const provider = createMockProvider({ timeoutMs: 10_000, delayMs: 0 });
const generate = async (prompt: string, previous?: Bundle) =>
  sanitizeBundle((await provider.generate({ prompt, previous }, { signal: new AbortController().signal })).bundle);

const REVISIONS = [
  { name: 'coffee shop, made dark with a FAQ', base: 0, request: 'make it dark and add a FAQ' },
  { name: 'Korean restaurant, dark with reviews', base: 4, request: '어둡게 해 주고 후기 추가해 줘' },
  { name: 'SaaS pricing in navy without prices', base: 3, request: 'make it navy and remove the prices' },
  { name: 'wedding with a section about the dress code', base: 2, request: 'add a section about the dress code' },
];

const cases = [
  ...PROMPT_TABLE.map((row) => ({ name: row.name, page: () => generate(row.prompt) })),
  ...REVISIONS.map((revision) => ({
    name: revision.name,
    page: async () => generate(revision.request, await generate(PROMPT_TABLE[revision.base]!.prompt)),
  })),
];

const noChromium = skipWithoutChromium('tests/worker/generate/mock/pages-in-chromium');
let server: PreviewTestServer;
let auditor: PageAuditor;
beforeAll(async () => {
  if (noChromium) return;
  server = await startPreviewTestServer();
  auditor = await startPageAuditor();
});
afterAll(async () => {
  await auditor?.close();
  await server?.close();
});

/** Writes a bundle as version 1 of a new preview, as the worker's publish step lays it out. */
async function publish(bundle: Bundle): Promise<string> {
  const previewId = newPreviewId();
  const folder = versionFolder(server.previewsDir, previewId);
  await mkdir(folder, { recursive: true });
  for (const file of bundle.files) await writeFile(path.join(folder, file.path), file.content);
  return `${server.baseUrl}/p/${previewId}/`;
}

describe.each(cases)('the composer’s page for $name, in Chromium behind the preview CSP', ({ page }) => {
  it('has no serious or critical axe findings and no sideways scrolling, at phone and desktop width', async () => {
    const url = await publish(await page());
    for (const { viewport, report } of await auditor.audit(url)) {
      expect(report.cspMessages, viewport).toEqual([]);
      expect(report.overflowPx, `${viewport}: sideways scrolling`).toBe(0);
      expect(report.seriousFindings, viewport).toEqual([]);
      // axe ran on the CSP-free load; it must be the very page visitors see.
      expect(report.auditedScreenshot.equals(report.screenshot), `${viewport}: same page for axe`).toBe(true);
    }
  });
});
