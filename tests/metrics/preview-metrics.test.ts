import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPreview } from '../../preview/start-preview.ts';
import { publishFixture } from '../preview/preview-test-server.ts';
import { testConfig, testLogger } from '../support/test-config.ts';
import { scrape, type Scrape } from './scrape.ts';

let previewsDir: string;
let preview: Awaited<ReturnType<typeof startPreview>>;

beforeAll(async () => {
  previewsDir = await mkdtemp(path.join(os.tmpdir(), 'preview-metrics-'));
  preview = await startPreview(testConfig({ PREVIEWS_DIR: previewsDir }), testLogger());
});

afterAll(async () => {
  await preview?.close();
  await rm(previewsDir, { recursive: true, force: true });
});

const grew = (before: Scrape, after: Scrape, code: string) =>
  (after.value('orchestrator_preview_request_duration_seconds_count', { code }) ?? 0) -
  (before.value('orchestrator_preview_request_duration_seconds_count', { code }) ?? 0);

it('serves its metrics on a port of its own, counting the preview origin’s answers by status', async () => {
  expect(preview.metricsUrl).not.toBe(preview.url);
  const previewId = await publishFixture(previewsDir, 'site');
  const before = await scrape(preview.metricsUrl);

  expect((await fetch(`${preview.url}/p/${previewId}/`)).status).toBe(200);
  expect((await fetch(`${preview.url}/health`)).status).toBe(200);
  expect((await fetch(`${preview.url}/p/${'a'.repeat(26)}/`)).status).toBe(404);
  const after = await scrape(preview.metricsUrl);

  expect(grew(before, after, '200')).toBe(2);
  expect(grew(before, after, '404')).toBe(1);
});

it('never answers /metrics on the preview origin', async () => {
  const response = await fetch(`${preview.url}/metrics`);
  expect(response.status).toBe(404);
  expect(await response.text()).not.toContain('orchestrator_');
});
