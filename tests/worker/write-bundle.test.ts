import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { previewIdPattern, type Bundle } from '../../shared/bundle.ts';
import { UnsafeBundleError } from '../../shared/errors.ts';
import { writeBundle } from '../../worker/publish-bundle/write-bundle.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ao-previews-'));
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

describe('writeBundle', () => {
  it('writes every file under a new unguessable preview id', async () => {
    const id = await writeBundle(dir, bundle, { expiresAt });
    expect(id).toMatch(previewIdPattern);
    expect(await readFile(path.join(dir, id, 'index.html'), 'utf8')).toBe('<!DOCTYPE html><title>Cafe</title>');
    expect(await readFile(path.join(dir, id, 'css', 'styles.css'), 'utf8')).toBe('body{color:#333}');
  });

  it('records the expiry next to the files, in a dotfile the preview never serves', async () => {
    const id = await writeBundle(dir, bundle, { expiresAt });
    expect(JSON.parse(await readFile(path.join(dir, id, '.meta.json'), 'utf8'))).toEqual({ expiresAt: '2030-01-02T03:04:05.000Z' });
  });

  it('writes base64 files as their decoded bytes', async () => {
    const id = await writeBundle(dir, { ...bundle, files: [...bundle.files, { path: 'img/dot.png', content: onePixelPng, encoding: 'base64' }] }, { expiresAt });
    expect(await readFile(path.join(dir, id, 'img', 'dot.png'))).toEqual(Buffer.from(onePixelPng, 'base64'));
  });

  it('leaves nothing behind when a file cannot be written', async () => {
    // `a.html` is written as a file, then `a.html/` is needed as a folder: the second write fails.
    const broken: Bundle = { ...bundle, files: [...bundle.files, { path: 'a.html', content: 'x' }, { path: 'a.html/b.html', content: 'y' }] };
    await expect(writeBundle(dir, broken, { expiresAt })).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });

  it.each([
    ['a file type that is not allowed', { files: [...bundle.files, { path: 'app.js', content: 'alert(1)' }] }],
    ['more than 20 files', { files: [...bundle.files, ...Array.from({ length: 19 }, (_, i) => ({ path: `p${i}.html`, content: '' }))] }],
    ['more than 2 MiB', { files: [...bundle.files, { path: 'big.txt', content: 'x'.repeat(2 * 1024 * 1024) }] }],
    ['two files at the same path', { files: [...bundle.files, { path: 'index.html', content: 'again' }] }],
  ])('refuses a bundle with %s before writing anything', async (_label, change) => {
    await expect(writeBundle(dir, { ...bundle, ...change }, { expiresAt })).rejects.toThrow(UnsafeBundleError);
    expect(await readdir(dir)).toEqual([]);
  });

  it('gives each bundle its own id', async () => {
    const ids = await Promise.all([writeBundle(dir, bundle, { expiresAt }), writeBundle(dir, bundle, { expiresAt })]);
    expect(new Set(ids).size).toBe(2);
    expect((await readdir(dir)).sort()).toEqual([...ids].sort());
  });
});
