import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { previewIdPattern, type Bundle } from '../../shared/bundle.ts';
import { writeBundle } from '../../worker/publish-bundle/write-bundle.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ao-previews-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

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
    const id = await writeBundle(dir, bundle);
    expect(id).toMatch(previewIdPattern);
    expect(await readFile(path.join(dir, id, 'index.html'), 'utf8')).toBe('<!DOCTYPE html><title>Cafe</title>');
    expect(await readFile(path.join(dir, id, 'css', 'styles.css'), 'utf8')).toBe('body{color:#333}');
  });

  it('leaves nothing behind when a file cannot be written', async () => {
    // Two files at the same path: the second write fails (wx), after the first one succeeded.
    const broken: Bundle = { ...bundle, files: [...bundle.files, { path: 'index.html', content: 'again' }] };
    await expect(writeBundle(dir, broken)).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });

  it('gives each bundle its own id', async () => {
    const ids = await Promise.all([writeBundle(dir, bundle), writeBundle(dir, bundle)]);
    expect(new Set(ids).size).toBe(2);
    expect((await readdir(dir)).sort()).toEqual([...ids].sort());
  });
});
