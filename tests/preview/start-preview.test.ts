import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPreview } from '../../preview/start-preview.ts';
import { testConfig, testLogger } from '../support/test-config.ts';
import { publishFixture } from './preview-test-server.ts';

let previewsDir: string;

beforeAll(async () => {
  previewsDir = await mkdtemp(path.join(os.tmpdir(), 'preview-start-'));
});

afterAll(async () => {
  await rm(previewsDir, { recursive: true, force: true });
});

it('startPreview serves PREVIEWS_DIR on the configured host and port until closed', async () => {
  const previewId = await publishFixture(previewsDir, 'site');
  const preview = await startPreview(testConfig({ PREVIEWS_DIR: previewsDir }), testLogger());
  expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

  const page = await fetch(`${preview.url}/p/${previewId}/`);
  expect(page.status).toBe(200);
  await preview.close();
  await expect(fetch(`${preview.url}/health`)).rejects.toThrow();
});

it('startPreview creates a missing previews dir instead of failing', async () => {
  const missingDir = path.join(previewsDir, 'not-yet', 'previews');
  const preview = await startPreview(testConfig({ PREVIEWS_DIR: missingDir }), testLogger());
  const health = await fetch(`${preview.url}/health`);
  expect(await health.json()).toEqual({ status: 'ok' });
  await preview.close();
});
