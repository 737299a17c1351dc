import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Bundle } from '../../shared/bundle.ts';
import { openPreviewStorage, VersionGoneError, zipVersion, type PreviewStorage } from '../../shared/previews/index.ts';
import { publishVersion } from '../../worker/publish-bundle/publish-version.ts';

// The filesystem storage (these tests plant symlinks on disk); tests/shared/previews/ holds both adapters to one contract.
let dir: string;
let storage: PreviewStorage;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ao-zip-'));
  storage = await openPreviewStorage({ kind: 'fs', dir });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const expiresAt = new Date(Date.now() + 86_400_000);
const onePixelPng = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const bundle: Bundle = {
  title: 'Café',
  summary: '',
  files: [
    {
      path: 'index.html',
      content: `<!DOCTYPE html><title>Café ☕</title>${'<p>Fresh coffee every morning.</p>'.repeat(50)}`,
    },
    { path: 'css/styles.css', content: 'body{color:#333}' },
    { path: 'img/dot.png', content: onePixelPng, encoding: 'base64' },
  ],
};

it("zips a version's files under site-v<n>/, each with the bytes on disk", async () => {
  const { previewId } = await publishVersion(storage, bundle, { expiresAt });
  await publishVersion(
    storage,
    { ...bundle, files: [{ path: 'index.html', content: 'second' }] },
    { previewId, expiresAt },
  );

  const first = unzipSync(await zipVersion(storage, previewId, 1));
  expect(Object.keys(first).sort()).toEqual(['site-v1/css/styles.css', 'site-v1/img/dot.png', 'site-v1/index.html']);
  for (const file of bundle.files) {
    const onDisk = await readFile(path.join(dir, previewId, 'v', '1', file.path));
    expect(Buffer.from(first[`site-v1/${file.path}`]!), file.path).toEqual(onDisk);
  }

  const second = unzipSync(await zipVersion(storage, previewId, 2));
  expect(Object.keys(second)).toEqual(['site-v2/index.html']);
  expect(Buffer.from(second['site-v2/index.html']!).toString('utf8')).toBe('second');
});

it('throws VersionGoneError for a version that is not there', async () => {
  const { previewId } = await publishVersion(storage, bundle, { expiresAt });
  await expect(zipVersion(storage, previewId, 2)).rejects.toThrow(VersionGoneError);
  await expect(zipVersion(storage, 'a'.repeat(26), 1)).rejects.toThrow(VersionGoneError);
});
