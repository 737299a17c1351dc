import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isPreviewOver,
  newPreviewId,
  VersionGoneError,
  type PreviewStorage,
  type StoredFile,
} from '../../../shared/previews/index.ts';
import { openStorageUnderTest, storageKinds, type StorageUnderTest } from '../../support/storage-under-test.ts';

/**
 * The preview storage port's contract (shared/previews/storage.ts), the same tests for the
 * filesystem adapter and for the S3 adapter against a real S3 API server on loopback.
 */

const hourMs = 60 * 60 * 1000;
const inADay = () => new Date(Date.now() + 24 * hourMs);
const onePixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A version whose every file says which one it is. */
function site(label: string, extraFiles = 0): StoredFile[] {
  return [
    { path: 'index.html', bytes: Buffer.from(`<h1>${label}</h1>`) },
    { path: 'css/styles.css', bytes: Buffer.from(`/* ${label} */ body { color: #333 }`) },
    { path: 'img/dot.png', bytes: onePixelPng },
    ...Array.from({ length: extraFiles }, (_, i) => ({ path: `page-${i}.html`, bytes: Buffer.from(`${label} ${i}`) })),
  ];
}
const byPath = (files: StoredFile[]) => [...files].sort((a, b) => (a.path < b.path ? -1 : 1));
const versionsOf = async (storage: PreviewStorage, previewId: string) =>
  (await storage.readPreview(previewId)).versions.map((v) => v.version);

describe.each(storageKinds)('preview storage contract: %s', (kind) => {
  let under: StorageUnderTest;
  let storage: PreviewStorage;
  beforeAll(async () => {
    under = await openStorageUnderTest(kind);
    storage = under.storage;
  });
  afterAll(async () => {
    await under?.close();
  });

  describe('publishing and reading', () => {
    it('publishes a new preview as version 1 and reads every file back byte for byte', async () => {
      const files = site('one');
      const published = await storage.publishVersion(files, { expiresAt: inADay() });
      expect(published.version).toBe(1);
      expect(published.previewId).toMatch(/^[a-z2-7]{26}$/);
      const version = await storage.readVersion(published.previewId, 1);
      expect(version.files).toEqual(byPath(files));
      expect(version.publishedAt.getTime()).toBeLessThanOrEqual(Date.now());
      expect(await storage.readFile(published.previewId, 1, 'img/dot.png')).toEqual(onePixelPng);
      expect(await storage.readFile(published.previewId, 1, 'missing.html')).toBeUndefined();
    });

    it('numbers later versions 2, 3, … and leaves the earlier ones as they were', async () => {
      const { previewId } = await storage.publishVersion(site('one'), { expiresAt: inADay() });
      expect(await storage.publishVersion(site('two'), { previewId, expiresAt: inADay() })).toEqual({
        previewId,
        version: 2,
      });
      expect((await storage.publishVersion(site('three'), { previewId, expiresAt: inADay() })).version).toBe(3);
      expect(await versionsOf(storage, previewId)).toEqual([1, 2, 3]);
      for (const [version, label] of [
        [1, 'one'],
        [2, 'two'],
        [3, 'three'],
      ] as const)
        expect((await storage.readFile(previewId, version, 'index.html'))?.toString()).toBe(`<h1>${label}</h1>`);
    });

    it('gives two publishes to one preview at the same moment distinct numbers, and keeps both whole', async () => {
      const { previewId } = await storage.publishVersion(site('first'), { expiresAt: inADay() });
      const [a, b] = await Promise.all([
        storage.publishVersion(site('a'), { previewId, expiresAt: inADay() }),
        storage.publishVersion(site('b'), { previewId, expiresAt: inADay() }),
      ]);
      expect([a.version, b.version].sort()).toEqual([2, 3]);
      expect((await storage.readVersion(previewId, a.version)).files).toEqual(byPath(site('a')));
      expect((await storage.readVersion(previewId, b.version)).files).toEqual(byPath(site('b')));
    });

    it('gives many racing publishes distinct numbers, none lost', async () => {
      const { previewId } = await storage.publishVersion(site('first'), { expiresAt: inADay() });
      const labels = Array.from({ length: 6 }, (_, i) => `racer ${i}`);
      const published = await Promise.all(
        labels.map((label) => storage.publishVersion(site(label), { previewId, expiresAt: inADay() })),
      );
      const numbers = published.map((p) => p.version);
      expect(new Set(numbers).size).toBe(labels.length);
      expect(await versionsOf(storage, previewId)).toEqual([1, ...[...numbers].sort((x, y) => x - y)]);
      for (const [i, { version }] of published.entries())
        expect((await storage.readFile(previewId, version, 'index.html'))?.toString()).toBe(`<h1>${labels[i]}</h1>`);
    });

    it('never shows half a version: a reader polling during a publish sees all of its files or none', async () => {
      const { previewId } = await storage.publishVersion(site('one'), { expiresAt: inADay() });
      const big = site('big', 17);
      let done = false;
      const seen: number[] = [];
      const reader = (async () => {
        while (!done) {
          const versions = await versionsOf(storage, previewId);
          if (versions.includes(2)) {
            // The moment version 2 is listed, every one of its files is there.
            for (const file of big)
              expect(await storage.readFile(previewId, 2, file.path), file.path).toEqual(file.bytes);
            seen.push(2);
            return;
          }
          seen.push(versions.length);
        }
      })();
      await storage.publishVersion(big, { previewId, expiresAt: inADay() });
      await new Promise((resolve) => setTimeout(resolve, 50));
      done = true;
      await reader;
      expect((await storage.readVersion(previewId, 2)).files).toEqual(byPath(big));
    });

    it('lists versions with their sizes, oldest first', async () => {
      const { previewId } = await storage.publishVersion(site('one'), { expiresAt: inADay() });
      await storage.publishVersion(site('twenty', 2), { previewId, expiresAt: inADay() });
      const sizeOf = (files: StoredFile[]) => files.reduce((sum, file) => sum + file.bytes.length, 0);
      expect(
        (await storage.listVersions(previewId)).map(({ version, files, bytes }) => ({ version, files, bytes })),
      ).toEqual([
        { version: 1, files: 3, bytes: sizeOf(site('one')) },
        { version: 2, files: 5, bytes: sizeOf(site('twenty', 2)) },
      ]);
    });

    it('knows nothing of ids it never stored, and nothing that is not an id', async () => {
      for (const previewId of [newPreviewId(), '../etc', 'A'.repeat(26)]) {
        expect(await storage.readPreview(previewId)).toEqual({ gone: false, expiresAt: undefined, versions: [] });
        expect(await storage.readFile(previewId, 1, 'index.html')).toBeUndefined();
        await expect(storage.readVersion(previewId, 1)).rejects.toThrow(VersionGoneError);
        expect(await storage.listVersions(previewId)).toEqual([]);
      }
    });

    it('refuses to add a version to a preview that never existed, or to something that is not an id', async () => {
      await expect(
        storage.publishVersion(site('x'), { previewId: newPreviewId(), expiresAt: inADay() }),
      ).rejects.toThrow(VersionGoneError);
      await expect(
        storage.publishVersion(site('x'), { previewId: '../elsewhere', expiresAt: inADay() }),
      ).rejects.toThrow('not a preview id');
    });
  });

  describe('a publish that crashed between its files and its version', () => {
    it('shows readers nothing, and is cleared by removeLeftovers once an hour old, not before', async () => {
      const { previewId } = await storage.publishVersion(site('one'), { expiresAt: inADay() });
      const before = await under.storedEntries();
      await under.leaveCrashedPublish(previewId);
      await under.leaveCrashedPublish();
      expect(await versionsOf(storage, previewId)).toEqual([1]);
      expect(await storage.readFile(previewId, 2, 'index.html')).toBeUndefined();
      expect((await under.storedEntries()).length).toBeGreaterThan(before.length);

      await storage.removeLeftovers(new Date());
      expect((await under.storedEntries()).length).toBeGreaterThan(before.length);
      await storage.removeLeftovers(new Date(Date.now() + 2 * hourMs));
      expect((await under.storedEntries()).sort()).toEqual([...before].sort());
      expect((await storage.readVersion(previewId, 1)).files).toEqual(byPath(site('one')));
    });

    it('does not stop the next publish of that preview, which gets a number of its own', async () => {
      const { previewId } = await storage.publishVersion(site('one'), { expiresAt: inADay() });
      await under.leaveCrashedPublish(previewId);
      const next = await storage.publishVersion(site('two'), { previewId, expiresAt: inADay() });
      expect(next.version).toBeGreaterThan(1);
      expect((await storage.readVersion(previewId, next.version)).files).toEqual(byPath(site('two')));
    });
  });

  describe('end of life', () => {
    it('records the expiry, moves it later with a new version and never earlier', async () => {
      const first = inADay();
      const { previewId } = await storage.publishVersion(site('one'), { expiresAt: first });
      expect((await storage.readPreview(previewId)).expiresAt).toEqual(first);
      const later = new Date(first.getTime() + hourMs);
      await storage.publishVersion(site('two'), { previewId, expiresAt: later });
      expect((await storage.readPreview(previewId)).expiresAt).toEqual(later);
      await storage.publishVersion(site('three'), { previewId, expiresAt: first });
      expect((await storage.readPreview(previewId)).expiresAt).toEqual(later);
    });

    it('is over once its expiry passes, without any sweep, and takes no new version', async () => {
      const expiresAt = new Date(Date.now() + 200);
      const { previewId } = await storage.publishVersion(site('one'), { expiresAt });
      const record = await storage.readPreview(previewId);
      expect(isPreviewOver(record, new Date(expiresAt.getTime() - 1))).toBe(false);
      expect(isPreviewOver(record, expiresAt)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 250));
      await expect(storage.publishVersion(site('two'), { previewId, expiresAt: inADay() })).rejects.toThrow(
        VersionGoneError,
      );
    });

    it('removes a preview for good: tombstone, no versions, no files, no new version, and again harmlessly', async () => {
      const { previewId } = await storage.publishVersion(site('one'), { expiresAt: inADay() });
      await storage.publishVersion(site('two'), { previewId, expiresAt: inADay() });
      await storage.removePreview(previewId);
      expect(await storage.readPreview(previewId)).toEqual({ gone: true, expiresAt: undefined, versions: [] });
      expect(await storage.readFile(previewId, 1, 'index.html')).toBeUndefined();
      await expect(storage.readVersion(previewId, 2)).rejects.toThrow(VersionGoneError);
      await expect(storage.publishVersion(site('three'), { previewId, expiresAt: inADay() })).rejects.toThrow(
        VersionGoneError,
      );
      await storage.removePreview(previewId);
      expect((await under.storedEntries()).filter((entry) => entry.includes(previewId))).toEqual([]);
    });

    it('hands a reader reading while the preview is removed all of a version or VersionGoneError, never part of one', async () => {
      const files = site('whole', 17);
      for (let round = 0; round < 5; round++) {
        const { previewId } = await storage.publishVersion(files, { expiresAt: inADay() });
        const reads = Array.from({ length: 4 }, () =>
          storage.readVersion(previewId, 1).then(
            (version) => version.files,
            (error: unknown) => error,
          ),
        );
        await storage.removePreview(previewId);
        for (const result of await Promise.all(reads)) {
          if (result instanceof Error) expect(result).toBeInstanceOf(VersionGoneError);
          else expect(result).toEqual(byPath(files));
        }
      }
    });

    it('deletes one version whole and leaves the others; a version that is not there is no error', async () => {
      const { previewId } = await storage.publishVersion(site('one'), { expiresAt: inADay() });
      await storage.publishVersion(site('two'), { previewId, expiresAt: inADay() });
      await storage.publishVersion(site('three'), { previewId, expiresAt: inADay() });
      expect(await storage.deleteVersion(previewId, 1)).toBe(true);
      expect(await versionsOf(storage, previewId)).toEqual([2, 3]);
      expect(await storage.readFile(previewId, 1, 'index.html')).toBeUndefined();
      await expect(storage.readVersion(previewId, 1)).rejects.toThrow(VersionGoneError);
      expect((await storage.readVersion(previewId, 2)).files).toEqual(byPath(site('two')));
      expect(await storage.deleteVersion(previewId, 1)).toBe(false);
      expect(await storage.deleteVersion(previewId, 9)).toBe(false);
    });
  });

  describe('listing', () => {
    it('lists every preview id, more than 1,000 of them, a page at a time', async () => {
      const { previewId: published } = await storage.publishVersion(site('one'), { expiresAt: inADay() });
      const ids = [published, ...(await under.seedListedPreviews(1005))];
      const listed: string[] = [];
      let pages = 0;
      for await (const page of storage.previewIds()) {
        pages += 1;
        listed.push(...page);
      }
      expect(pages).toBeGreaterThan(1);
      expect(new Set(listed).size).toBe(listed.length);
      for (const id of ids) expect(listed).toContain(id);
    });
  });
});
