import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundleSchema, type Bundle } from '../../shared/bundle.ts';
import { UnsafeBundleError } from '../../shared/errors.ts';
import {
  newPreviewId,
  openPreviewStorage,
  previewIdPattern,
  VersionGoneError,
  type PreviewStorage,
} from '../../shared/previews/index.ts';
import { publishVersion } from '../../worker/publish-bundle/publish-version.ts';

// The filesystem storage, whose layout these tests also check on disk; tests/shared/previews/ holds both adapters to one contract.
let dir: string;
let storage: PreviewStorage;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ao-previews-'));
  storage = await openPreviewStorage({ kind: 'fs', dir });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const expiresAt = new Date('2030-01-02T03:04:05.000Z');
const onePixelPng = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const bundle: Bundle = {
  title: 'Cafe',
  summary: '',
  files: [
    { path: 'index.html', content: '<!DOCTYPE html><title>Cafe</title>' },
    { path: 'css/styles.css', content: 'body{color:#333}' },
  ],
};
const page = (text: string): Bundle => ({ title: text, summary: '', files: [{ path: 'index.html', content: text }] });

const read = (...parts: string[]) => readFile(path.join(dir, ...parts), 'utf8');
const expiryOf = async (previewId: string) =>
  (JSON.parse(await read(previewId, '.meta.json')) as { expiresAt: string }).expiresAt;
/** What is in the previews root besides preview folders: staging folders left behind, for one. */
const versionsOf = async (previewId: string) => (await storage.listVersions(previewId)).map((v) => v.version);
const leftovers = async () => (await readdir(dir)).filter((name) => !previewIdPattern.test(name));

describe('publishing a new preview', () => {
  it('writes every file as version 1 under a new unguessable preview id', async () => {
    const published = await publishVersion(storage, bundle, { expiresAt });
    expect(published.previewId).toMatch(previewIdPattern);
    expect(published.version).toBe(1);
    expect(await read(published.previewId, 'v', '1', 'index.html')).toBe('<!DOCTYPE html><title>Cafe</title>');
    expect(await read(published.previewId, 'v', '1', 'css', 'styles.css')).toBe('body{color:#333}');
  });

  it('records the expiry beside the versions, in a dotfile the preview never serves', async () => {
    const { previewId } = await publishVersion(storage, bundle, { expiresAt });
    expect(JSON.parse(await read(previewId, '.meta.json'))).toEqual({ expiresAt: '2030-01-02T03:04:05.000Z' });
    expect((await readdir(path.join(dir, previewId))).sort()).toEqual(['.meta.json', 'v']);
  });

  it('writes base64 files as their decoded bytes', async () => {
    const { previewId } = await publishVersion(
      storage,
      { ...bundle, files: [...bundle.files, { path: 'img/dot.png', content: onePixelPng, encoding: 'base64' }] },
      { expiresAt },
    );
    expect(await readFile(path.join(dir, previewId, 'v', '1', 'img', 'dot.png'))).toEqual(
      Buffer.from(onePixelPng, 'base64'),
    );
  });

  it('leaves nothing behind when a file cannot be written', async () => {
    // `a.html` is written as a file, then `a.html/` is needed as a folder: the second write fails.
    const broken: Bundle = {
      ...bundle,
      files: [...bundle.files, { path: 'a.html', content: 'x' }, { path: 'a.html/b.html', content: 'y' }],
    };
    await expect(publishVersion(storage, broken, { expiresAt })).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });

  it.each([
    ['a file type that is not allowed', { files: [...bundle.files, { path: 'app.js', content: 'alert(1)' }] }],
    [
      'more than 20 files',
      { files: [...bundle.files, ...Array.from({ length: 19 }, (_, i) => ({ path: `p${i}.html`, content: '' }))] },
    ],
    ['more than 2 MiB', { files: [...bundle.files, { path: 'big.txt', content: 'x'.repeat(2 * 1024 * 1024) }] }],
    ['two files at the same path', { files: [...bundle.files, { path: 'index.html', content: 'again' }] }],
    [
      'a file in a folder named v, where versions live',
      { files: [...bundle.files, { path: 'v/1/index.html', content: 'shadow' }] },
    ],
  ])('refuses a bundle with %s before writing anything', async (_label, change) => {
    await expect(publishVersion(storage, { ...bundle, ...change }, { expiresAt })).rejects.toThrow(UnsafeBundleError);
    expect(await readdir(dir)).toEqual([]);
  });

  it('explains the reserved v/ folder in plain words, and allows it deeper down or as part of a name', () => {
    const result = bundleSchema.safeParse({
      ...bundle,
      files: [...bundle.files, { path: 'v/page.html', content: 'x' }],
    });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'the folder "v/" is reserved for the site\'s versions; use another folder name',
    ]);
    const allowed = [
      { path: 'docs/v/page.html', content: 'x' },
      { path: 'v1/page.html', content: 'x' },
      { path: 'v.html', content: 'x' },
    ];
    expect(bundleSchema.safeParse({ ...bundle, files: [...bundle.files, ...allowed] }).success).toBe(true);
  });

  it('gives each new preview its own id', async () => {
    const published = await Promise.all([
      publishVersion(storage, bundle, { expiresAt }),
      publishVersion(storage, bundle, { expiresAt }),
    ]);
    const ids = published.map((p) => p.previewId);
    expect(new Set(ids).size).toBe(2);
    expect((await readdir(dir)).sort()).toEqual([...ids].sort());
  });
});

describe('publishing a new version of a preview', () => {
  it('numbers versions 2, 3, … and leaves the earlier ones as they were', async () => {
    const { previewId } = await publishVersion(storage, page('one'), { expiresAt });
    expect(await publishVersion(storage, page('two'), { previewId, expiresAt })).toEqual({
      previewId,
      version: 2,
      bytes: 3,
    });
    expect(await publishVersion(storage, page('three'), { previewId, expiresAt })).toEqual({
      previewId,
      version: 3,
      bytes: 5,
    });
    expect(await versionsOf(previewId)).toEqual([1, 2, 3]);
    expect([
      await read(previewId, 'v', '1', 'index.html'),
      await read(previewId, 'v', '2', 'index.html'),
      await read(previewId, 'v', '3', 'index.html'),
    ]).toEqual(['one', 'two', 'three']);
    expect(await leftovers()).toEqual([]);
  });

  it('gives publishes to one preview at the same moment distinct numbers, and keeps every one of them', async () => {
    const { previewId } = await publishVersion(storage, page('first'), { expiresAt });
    const texts = Array.from({ length: 8 }, (_, i) => `concurrent ${i}`);
    const published = await Promise.all(
      texts.map((text) => publishVersion(storage, page(text), { previewId, expiresAt })),
    );
    const versions = published.map((p) => p.version);
    expect([...versions].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    for (const [i, { version }] of published.entries())
      expect(await read(previewId, 'v', String(version), 'index.html')).toBe(texts[i]);
    expect(await versionsOf(previewId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await leftovers()).toEqual([]);
  });

  it('moves the expiry later', async () => {
    const { previewId } = await publishVersion(storage, bundle, { expiresAt });
    const later = new Date(expiresAt.getTime() + 86_400_000);
    await publishVersion(storage, bundle, { previewId, expiresAt: later });
    expect(await expiryOf(previewId)).toBe(later.toISOString());
    expect((await readdir(path.join(dir, previewId))).sort()).toEqual(['.meta.json', 'v']);
  });

  it('never moves the expiry earlier', async () => {
    const { previewId } = await publishVersion(storage, bundle, { expiresAt });
    await publishVersion(storage, bundle, { previewId, expiresAt: new Date(expiresAt.getTime() - 86_400_000) });
    expect(await expiryOf(previewId)).toBe(expiresAt.toISOString());
  });

  it('ends with the latest expiry when publishes with different expiries race', async () => {
    const { previewId } = await publishVersion(storage, bundle, { expiresAt });
    const expiries = Array.from(
      { length: 8 },
      (_, i) => new Date(expiresAt.getTime() + (i % 2 === 0 ? i : 8 - i) * 3_600_000),
    );
    await Promise.all(expiries.map((at) => publishVersion(storage, bundle, { previewId, expiresAt: at })));
    const latest = Math.max(...expiries.map((at) => at.getTime()));
    expect(await expiryOf(previewId)).toBe(new Date(latest).toISOString());
  });

  it('takes over the expiry lock of a worker that died holding it', async () => {
    const { previewId } = await publishVersion(storage, bundle, { expiresAt });
    const lock = path.join(dir, previewId, '.meta.lock');
    await mkdir(lock);
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(lock, anHourAgo, anHourAgo);
    const later = new Date(expiresAt.getTime() + 86_400_000);
    await publishVersion(storage, bundle, { previewId, expiresAt: later });
    expect(await expiryOf(previewId)).toBe(later.toISOString());
    expect((await readdir(path.join(dir, previewId))).sort()).toEqual(['.meta.json', 'v']);
  });

  it('refuses a preview that was deleted (tombstone), has expired, or never existed, and leaves nothing behind', async () => {
    const deleted = (await publishVersion(storage, bundle, { expiresAt })).previewId;
    await mkdir(path.join(dir, '.gone'));
    await writeFile(path.join(dir, '.gone', deleted), '');
    const expired = (await publishVersion(storage, bundle, { expiresAt: new Date(Date.now() - 1000) })).previewId;
    for (const previewId of [deleted, expired, newPreviewId()]) {
      await expect(publishVersion(storage, bundle, { previewId, expiresAt }), previewId).rejects.toThrow(
        VersionGoneError,
      );
    }
    expect(await versionsOf(deleted)).toEqual([1]);
    expect(await versionsOf(expired)).toEqual([1]);
    expect(await leftovers()).toEqual(['.gone']);
  });

  it('refuses something that is not a preview id before touching the disk', async () => {
    await expect(publishVersion(storage, bundle, { previewId: '../elsewhere', expiresAt })).rejects.toThrow(
      'not a preview id',
    );
    expect(await readdir(dir)).toEqual([]);
  });
});
