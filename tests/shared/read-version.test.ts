import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bundle } from '../../shared/bundle.ts';
import { openPreviewStorage, readVersion, VersionGoneError, type PreviewStorage } from '../../shared/previews/index.ts';
import { publishVersion } from '../../worker/publish-bundle/publish-version.ts';

// The filesystem storage (these tests plant symlinks on disk); tests/shared/previews/ holds both adapters to one contract.
let dir: string;
let storage: PreviewStorage;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ao-read-version-'));
  storage = await openPreviewStorage({ kind: 'fs', dir });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const expiresAt = new Date(Date.now() + 86_400_000);
const onePixelPng = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const bundle: Bundle = {
  title: 'Café',
  summary: 'A café',
  files: [
    { path: 'index.html', content: '<!DOCTYPE html><title>Café ☕</title><a href="menu/index.html">Menu</a>' },
    { path: 'menu/index.html', content: '<h1>Menü</h1>' },
    { path: 'styles.css', content: 'body{color:#333}' },
    { path: 'img/logo.svg', content: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' },
    { path: 'img/dot.png', content: onePixelPng, encoding: 'base64' },
  ],
};
const byPath = (files: Bundle['files']) => [...files].sort((a, b) => (a.path < b.path ? -1 : 1));

describe('readVersion', () => {
  it('gives back the files of a version as they were published: text as UTF-8, images base64', async () => {
    const { previewId, version } = await publishVersion(storage, bundle, { expiresAt });
    expect(await readVersion(storage, previewId, version)).toEqual(byPath(bundle.files));
  });

  it('reads the version asked for, not the latest', async () => {
    const { previewId } = await publishVersion(storage, bundle, { expiresAt });
    await publishVersion(
      storage,
      { ...bundle, files: [{ path: 'index.html', content: 'second' }] },
      { previewId, expiresAt },
    );
    expect(await readVersion(storage, previewId, 1)).toEqual(byPath(bundle.files));
    expect(await readVersion(storage, previewId, 2)).toEqual([{ path: 'index.html', content: 'second' }]);
  });

  it('restores a version by publishing what it reads as a new one, byte for byte', async () => {
    const { previewId } = await publishVersion(storage, bundle, { expiresAt });
    await publishVersion(
      storage,
      { ...bundle, files: [{ path: 'index.html', content: 'second' }] },
      { previewId, expiresAt },
    );
    const restored = await publishVersion(
      storage,
      { ...bundle, files: await readVersion(storage, previewId, 1) },
      { previewId, expiresAt },
    );
    expect(restored.version).toBe(3);
    expect(await readVersion(storage, previewId, 3)).toEqual(await readVersion(storage, previewId, 1));
  });

  it.each([
    ['a version that was never published', 2],
    ['version 0', 0],
    ['a version number that is not an integer', 1.5],
  ])('throws VersionGoneError for %s', async (_label, version) => {
    const { previewId } = await publishVersion(storage, bundle, { expiresAt });
    await expect(readVersion(storage, previewId, version)).rejects.toThrow(VersionGoneError);
  });

  it('throws VersionGoneError for a preview that is not there, or not a preview id', async () => {
    await expect(readVersion(storage, 'a'.repeat(26), 1)).rejects.toThrow(VersionGoneError);
    await expect(readVersion(storage, '../etc', 1)).rejects.toThrow(VersionGoneError);
  });

  it('reads only what a bundle may hold: no symlink, no dotfile, no other file type', async () => {
    const { previewId } = await publishVersion(storage, bundle, { expiresAt });
    const versionDir = path.join(dir, previewId, 'v', '1');
    await writeFile(path.join(dir, 'secret.txt'), 'outside');
    await symlink(path.join(dir, 'secret.txt'), path.join(versionDir, 'linked.txt'));
    await symlink(path.join(dir), path.join(versionDir, 'linked-folder'));
    await writeFile(path.join(versionDir, '.env'), 'SECRET=1');
    await writeFile(path.join(versionDir, 'app.js'), 'alert(1)');
    await mkdir(path.join(versionDir, 'a', 'b', 'c'), { recursive: true });
    await writeFile(path.join(versionDir, 'a', 'b', 'c', 'deep.html'), 'too deep');
    expect(await readVersion(storage, previewId, 1)).toEqual(byPath(bundle.files));
  });

  it('does not follow a symlinked version folder', async () => {
    const { previewId } = await publishVersion(storage, bundle, { expiresAt });
    await symlink(path.join(dir, previewId, 'v', '1'), path.join(dir, previewId, 'v', '2'));
    await expect(readVersion(storage, previewId, 2)).rejects.toThrow(VersionGoneError);
  });
});
