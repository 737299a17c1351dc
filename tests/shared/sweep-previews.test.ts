import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Bundle } from '../../shared/bundle.ts';
import { newPreviewId, openPreviewStorage, sweepPreviews, type PreviewStorage } from '../../shared/previews/index.ts';
import { publishVersion } from '../../worker/publish-bundle/publish-version.ts';
import { startPreviewTestServer } from '../preview/preview-test-server.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { until } from '../support/until.ts';

let database: TestDatabase;
let previewsDir: string;
/** The filesystem storage over previewsDir; these tests also look at its layout on disk. */
let storage: PreviewStorage;
let jobId: string;
const now = new Date('2030-03-01T00:00:00Z');
const dayMs = 24 * 60 * 60 * 1000;
const bundle: Bundle = { title: 'Cafe', summary: '', files: [{ path: 'index.html', content: '<h1>Cafe</h1>' }] };
const onePixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

beforeAll(async () => {
  database = await createTestDatabase();
  const job = await database.db
    .insertInto('jobs')
    .values({ chat_id: 1, prompt: 'a cafe' })
    .returning('id')
    .executeTakeFirstOrThrow();
  jobId = job.id;
});

afterAll(async () => {
  await database?.drop();
});

beforeEach(async () => {
  if (previewsDir) await rm(previewsDir, { recursive: true, force: true });
  previewsDir = await mkdtemp(path.join(tmpdir(), 'ao-sweep-'));
  storage = await openPreviewStorage({ kind: 'fs', dir: previewsDir });
  await database.db.deleteFrom('previews').execute();
});

/** A preview as the worker publishes it: the bundle with its `.meta.json`, and its row. */
async function publish(expiresAt: Date): Promise<string> {
  const { previewId: id } = await publishVersion(storage, bundle, { expiresAt });
  await database.db
    .insertInto('previews')
    .values({ id, job_id: jobId, title: 'Cafe', expires_at: expiresAt })
    .execute();
  return id;
}

const exists = (...parts: string[]) =>
  stat(path.join(previewsDir, ...parts)).then(
    () => true,
    () => false,
  );
const deletedAt = async (id: string) =>
  (await database.db.selectFrom('previews').select('deleted_at').where('id', '=', id).executeTakeFirstOrThrow())
    .deleted_at;

describe('sweepPreviews', () => {
  it("deletes an expired preview's files, leaves a tombstone and marks its row deleted", async () => {
    const expired = await publish(new Date(now.getTime() - dayMs));
    expect(await sweepPreviews({ db: database.db, storage, now })).toEqual([expired]);
    expect(await exists(expired)).toBe(false);
    expect(await exists('.gone', expired)).toBe(true);
    expect(await deletedAt(expired)).toEqual(now);
  });

  it('leaves a live preview alone', async () => {
    const live = await publish(new Date(now.getTime() + dayMs));
    expect(await sweepPreviews({ db: database.db, storage, now })).toEqual([]);
    expect(await exists(live, 'v', '1', 'index.html')).toBe(true);
    expect(await deletedAt(live)).toBeNull();
  });

  it('removes every version of a deleted preview', async () => {
    const deleted = await publish(new Date(now.getTime() + dayMs));
    await publishVersion(storage, bundle, { previewId: deleted, expiresAt: new Date(now.getTime() + dayMs) });
    expect(await exists(deleted, 'v', '2', 'index.html')).toBe(true);
    await database.db.updateTable('previews').set({ deleted_at: now }).where('id', '=', deleted).execute();
    expect(await sweepPreviews({ db: database.db, storage, now })).toEqual([deleted]);
    expect(await exists(deleted)).toBe(false);
  });

  it('removes the files of a preview an operator marked deleted', async () => {
    const deleted = await publish(new Date(now.getTime() + dayMs));
    await database.db
      .updateTable('previews')
      .set({ deleted_at: new Date(now.getTime() - 1000) })
      .where('id', '=', deleted)
      .execute();
    expect(await sweepPreviews({ db: database.db, storage, now })).toEqual([deleted]);
    expect(await exists(deleted)).toBe(false);
    expect(await exists('.gone', deleted)).toBe(true);
    expect(await deletedAt(deleted)).toEqual(new Date(now.getTime() - 1000));
  });

  it('removes an expired bundle that has no row (its job lost its lease after writing it)', async () => {
    const { previewId: orphan } = await publishVersion(storage, bundle, { expiresAt: new Date(now.getTime() - 1) });
    expect(await sweepPreviews({ db: database.db, storage, now })).toEqual([orphan]);
    expect(await exists(orphan)).toBe(false);
  });

  it('marks an expired row deleted even when its files are already gone, and is a no-op the second time', async () => {
    const expired = await publish(new Date(now.getTime() - dayMs));
    await rm(path.join(previewsDir, expired), { recursive: true });
    expect(await sweepPreviews({ db: database.db, storage, now })).toEqual([expired]);
    expect(await deletedAt(expired)).toEqual(now);
    expect(await sweepPreviews({ db: database.db, storage, now })).toEqual([]);
  });

  it('removes a staging folder a crashed write left behind an hour ago, not one being written now', async () => {
    const stale = path.join(previewsDir, '.tmp-stale');
    const fresh = path.join(previewsDir, '.tmp-fresh');
    await mkdir(stale);
    await mkdir(fresh);
    await writeFile(path.join(stale, 'index.html'), 'half');
    const twoHoursAgo = new Date(now.getTime() - 2 * 60 * 60 * 1000);
    await utimes(stale, twoHoursAgo, twoHoursAgo);
    await utimes(fresh, now, now);
    await sweepPreviews({ db: database.db, storage, now });
    expect((await readdir(previewsDir)).sort()).toEqual(['.tmp-fresh']);
  });

  it('copes with a previews folder that does not exist yet', async () => {
    await rm(previewsDir, { recursive: true });
    expect(await sweepPreviews({ db: database.db, storage, now })).toEqual([]);
  });

  it('makes the preview server answer 410 for a swept preview, where it had served the page', async () => {
    const expired = await publish(new Date(now.getTime() - dayMs));
    // A preview clock before the expiry: only the tombstone can make it answer 410.
    const server = await startPreviewTestServer({ storage, now: () => new Date(now.getTime() - 2 * dayMs) });
    const get = () => fetch(`${server.baseUrl}/p/${expired}/`);
    try {
      expect((await get()).status).toBe(200);
      await sweepPreviews({ db: database.db, storage, now });
      // The server reads a preview's state again within a second (preview/serve-bundle/preview-cache.ts).
      await until(async () => (await get()).status === 410);
      expect(await (await get()).text()).not.toContain('<h1>Cafe</h1>');
    } finally {
      await server.close();
    }
  });
});

describe('previews from before versions', () => {
  /** The old layout: the files at the top of the preview folder, beside `.meta.json`. */
  async function publishLegacy(expiresAt: Date): Promise<string> {
    const id = newPreviewId();
    await mkdir(path.join(previewsDir, id, 'img'), { recursive: true });
    await writeFile(path.join(previewsDir, id, 'index.html'), '<h1>Old cafe</h1>');
    await writeFile(path.join(previewsDir, id, 'img', 'dot.png'), onePixelPng);
    await writeFile(path.join(previewsDir, id, '.meta.json'), JSON.stringify({ expiresAt: expiresAt.toISOString() }));
    await database.db
      .insertInto('previews')
      .values({ id, job_id: jobId, title: 'Old cafe', expires_at: expiresAt })
      .execute();
    return id;
  }

  it('moves a live one to version 1, which the preview then serves', async () => {
    const legacy = await publishLegacy(new Date(now.getTime() + dayMs));
    expect(await sweepPreviews({ db: database.db, storage, now })).toEqual([]);
    expect((await readdir(path.join(previewsDir, legacy))).sort()).toEqual(['.meta.json', 'v']);
    expect(await readFile(path.join(previewsDir, legacy, 'v', '1', 'index.html'), 'utf8')).toBe('<h1>Old cafe</h1>');
    expect(await readFile(path.join(previewsDir, legacy, 'v', '1', 'img', 'dot.png'))).toEqual(onePixelPng);
    const server = await startPreviewTestServer({ storage, now: () => now });
    try {
      expect(await (await fetch(`${server.baseUrl}/p/${legacy}/`)).text()).toBe('<h1>Old cafe</h1>');
      expect((await fetch(`${server.baseUrl}/p/${legacy}/v/1/img/dot.png`)).status).toBe(200);
    } finally {
      await server.close();
    }
    expect((await readdir(previewsDir)).filter((name) => name.startsWith('.tmp-'))).toEqual([]);
  });

  it('finishes a move that stopped halfway, keeping the version already in place', async () => {
    const legacy = await publishLegacy(new Date(now.getTime() + dayMs));
    await mkdir(path.join(previewsDir, legacy, 'v', '1'), { recursive: true });
    await writeFile(path.join(previewsDir, legacy, 'v', '1', 'index.html'), '<h1>Moved</h1>');
    await sweepPreviews({ db: database.db, storage, now });
    expect((await readdir(path.join(previewsDir, legacy))).sort()).toEqual(['.meta.json', 'v']);
    expect(await readFile(path.join(previewsDir, legacy, 'v', '1', 'index.html'), 'utf8')).toBe('<h1>Moved</h1>');
  });

  it('deletes an expired one rather than moving it', async () => {
    const legacy = await publishLegacy(new Date(now.getTime() - dayMs));
    expect(await sweepPreviews({ db: database.db, storage, now })).toEqual([legacy]);
    expect(await exists(legacy)).toBe(false);
  });
});
