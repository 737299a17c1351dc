import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPreviewStorage, type PreviewStorage } from '../../../shared/previews/index.ts';
import { publishVersion } from '../../../worker/publish-bundle/publish-version.ts';
import { schedulePreviewSweeps } from '../../../worker/sweep-previews/schedule-sweeps.ts';
import { testLogger } from '../../support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

let database: TestDatabase;
let previewsDir: string;
let storage: PreviewStorage;

beforeAll(async () => {
  database = await createTestDatabase();
  previewsDir = await mkdtemp(path.join(tmpdir(), 'ao-sweeps-'));
  storage = await openPreviewStorage({ kind: 'fs', dir: previewsDir });
});

afterAll(async () => {
  await database?.drop();
  await rm(previewsDir, { recursive: true, force: true });
});

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

it('sweeps on its own, again and again, until stopped', async () => {
  const first = (
    await publishVersion(
      storage,
      { title: 'x', summary: '', files: [{ path: 'index.html', content: 'x' }] },
      { expiresAt: new Date(Date.now() - 1000) },
    )
  ).previewId;
  const sweeps = schedulePreviewSweeps({
    db: database.db,
    storage,
    limits: { maxVersions: 20, storageBytesPerUser: 50 * 1024 * 1024 },
    log: testLogger(),
    firstDelayMs: 0,
    intervalMs: 20,
  });
  try {
    await expect.poll(() => exists(path.join(previewsDir, first)), { timeout: 5000 }).toBe(false);
    // A later one is found by a later sweep.
    const second = (
      await publishVersion(
        storage,
        { title: 'x', summary: '', files: [{ path: 'index.html', content: 'x' }] },
        { expiresAt: new Date(Date.now() - 1000) },
      )
    ).previewId;
    await expect.poll(() => exists(path.join(previewsDir, second)), { timeout: 5000 }).toBe(false);
  } finally {
    await sweeps.stop();
  }
  const third = (
    await publishVersion(
      storage,
      { title: 'x', summary: '', files: [{ path: 'index.html', content: 'x' }] },
      { expiresAt: new Date(Date.now() - 1000) },
    )
  ).previewId;
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(await exists(path.join(previewsDir, third))).toBe(true);
});
