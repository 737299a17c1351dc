import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bundle } from '../../shared/bundle.ts';
import { readVersion, VersionGoneError } from '../../shared/read-version.ts';
import { publishVersion } from '../../worker/publish-bundle/publish-version.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ao-read-version-'));
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
    const { previewId, version } = await publishVersion(dir, bundle, { expiresAt });
    expect(await readVersion(dir, previewId, version)).toEqual(byPath(bundle.files));
  });

  it('reads the version asked for, not the latest', async () => {
    const { previewId } = await publishVersion(dir, bundle, { expiresAt });
    await publishVersion(
      dir,
      { ...bundle, files: [{ path: 'index.html', content: 'second' }] },
      { previewId, expiresAt },
    );
    expect(await readVersion(dir, previewId, 1)).toEqual(byPath(bundle.files));
    expect(await readVersion(dir, previewId, 2)).toEqual([{ path: 'index.html', content: 'second' }]);
  });

  it('restores a version by publishing what it reads as a new one, byte for byte', async () => {
    const { previewId } = await publishVersion(dir, bundle, { expiresAt });
    await publishVersion(
      dir,
      { ...bundle, files: [{ path: 'index.html', content: 'second' }] },
      { previewId, expiresAt },
    );
    const restored = await publishVersion(
      dir,
      { ...bundle, files: await readVersion(dir, previewId, 1) },
      { previewId, expiresAt },
    );
    expect(restored.version).toBe(3);
    expect(await readVersion(dir, previewId, 3)).toEqual(await readVersion(dir, previewId, 1));
  });

  it.each([
    ['a version that was never published', 2],
    ['version 0', 0],
    ['a version number that is not an integer', 1.5],
  ])('throws VersionGoneError for %s', async (_label, version) => {
    const { previewId } = await publishVersion(dir, bundle, { expiresAt });
    await expect(readVersion(dir, previewId, version)).rejects.toThrow(VersionGoneError);
  });

  it('throws VersionGoneError for a preview that is not there, or not a preview id', async () => {
    await expect(readVersion(dir, 'a'.repeat(26), 1)).rejects.toThrow(VersionGoneError);
    await expect(readVersion(dir, '../etc', 1)).rejects.toThrow(VersionGoneError);
  });

  it('reads only what a bundle may hold: no symlink, no dotfile, no other file type', async () => {
    const { previewId } = await publishVersion(dir, bundle, { expiresAt });
    const versionDir = path.join(dir, previewId, 'v', '1');
    await writeFile(path.join(dir, 'secret.txt'), 'outside');
    await symlink(path.join(dir, 'secret.txt'), path.join(versionDir, 'linked.txt'));
    await symlink(path.join(dir), path.join(versionDir, 'linked-folder'));
    await writeFile(path.join(versionDir, '.env'), 'SECRET=1');
    await writeFile(path.join(versionDir, 'app.js'), 'alert(1)');
    await mkdir(path.join(versionDir, 'a', 'b', 'c'), { recursive: true });
    await writeFile(path.join(versionDir, 'a', 'b', 'c', 'deep.html'), 'too deep');
    expect(await readVersion(dir, previewId, 1)).toEqual(byPath(bundle.files));
  });

  it('does not follow a symlinked version folder', async () => {
    const { previewId } = await publishVersion(dir, bundle, { expiresAt });
    await symlink(path.join(dir, previewId, 'v', '1'), path.join(dir, previewId, 'v', '2'));
    await expect(readVersion(dir, previewId, 2)).rejects.toThrow(VersionGoneError);
  });
});
