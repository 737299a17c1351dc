import type { S3StorageConfig } from '../../config/index.ts';
import { previewIdPattern } from '../preview-id.ts';
import type { PreviewRecord, PreviewStorage, ReadOptions, StoredFile, VersionSummary } from '../storage.ts';
import { maxStoredFileBytes } from '../storage.ts';
import { VersionGoneError } from '../version-gone-error.ts';
import { isVersionNumber } from '../versions.ts';
import { collectKeys, publishToBucket } from './publish-to-bucket.ts';
import { openBucket } from './s3-bucket.ts';
import { parseManifest, s3Layout, type Manifest } from './s3-layout.ts';

/** Uploads and orphaned claims older than this were left by a crashed or lost publish. */
const staleUploadMs = 60 * 60 * 1000;
/** Manifests kept in memory (they never change): enough for every version of the previews being read. */
const maxRememberedManifests = 20_000;
/** Files read at once for a zip or a restore. */
const parallelReads = 4;

/**
 * The S3 adapter (PREVIEW_STORAGE=s3): previews in a bucket of any S3-compatible store, through the
 * AWS SDK. The layout, and why a reader never sees half a version, are in s3-layout.ts and
 * publish-to-bucket.ts. Throws a ConfigError (one line) when the bucket is not there.
 */
export async function openS3Storage(config: S3StorageConfig): Promise<PreviewStorage> {
  const bucket = await openBucket(config);
  const layout = s3Layout(config.prefix);
  /** Manifest key → manifest: objects that are never rewritten, so never stale. */
  const manifests = new Map<string, Manifest>();

  async function readManifest(previewId: string, version: number, signal?: AbortSignal): Promise<Manifest | undefined> {
    const key = layout.manifest(previewId, version);
    const known = manifests.get(key);
    if (known) return known;
    const bytes = await bucket.get(key, signal);
    const manifest = bytes && parseManifest(bytes);
    if (!manifest || manifest.version !== version) return undefined;
    if (manifests.size >= maxRememberedManifests) manifests.delete(manifests.keys().next().value!);
    manifests.set(key, manifest);
    return manifest;
  }

  async function readPreview(previewId: string, options: ReadOptions = {}): Promise<PreviewRecord> {
    if (!previewIdPattern.test(previewId)) return { gone: false, expiresAt: undefined, versions: [] };
    const keys = await collectKeys(bucket.list(layout.manifests(previewId), { signal: options.signal }));
    // The tombstone after the versions: removal writes it before taking them away, so a preview read
    // halfway through its removal is seen gone, never as live with no versions.
    const gone = await bucket.exists(layout.tombstone(previewId), options.signal);
    const numbers = keys
      .map((key) => layout.versionOfManifest(previewId, key))
      .filter((version) => version !== undefined)
      .sort((a, b) => a - b);
    const versions: PreviewRecord['versions'] = [];
    let expiresAt: Date | undefined;
    for (const version of numbers) {
      const manifest = await readManifest(previewId, version, options.signal);
      if (!manifest) continue;
      versions.push({ version, publishedAt: new Date(manifest.publishedAt) });
      const expiry = new Date(manifest.expiresAt);
      if (expiresAt === undefined || expiry > expiresAt) expiresAt = expiry;
    }
    return { gone, expiresAt, versions };
  }

  async function* previewIds(): AsyncIterable<string[]> {
    for await (const page of bucket.list(layout.index)) {
      const ids = page.objects.map(({ key }) => layout.idOfIndexEntry(key)).filter((id) => previewIdPattern.test(id));
      if (ids.length > 0) yield ids;
    }
  }

  /** Every object of a preview: manifests first, so that deleting in this order takes versions away whole. */
  async function previewKeys(previewId: string): Promise<string[]> {
    const keys = await collectKeys(bucket.list(layout.preview(previewId)));
    const manifestKeys = keys.filter((key) => layout.versionOfManifest(previewId, key) !== undefined);
    return [...manifestKeys, ...keys.filter((key) => !manifestKeys.includes(key))];
  }

  /** Deletes manifests on their own first: a version disappears whole before any of its files do. */
  async function deleteInOrder(previewId: string, keys: string[]): Promise<void> {
    const isManifest = (key: string) => layout.versionOfManifest(previewId, key) !== undefined;
    await bucket.delete(keys.filter(isManifest));
    await bucket.delete(keys.filter((key) => !isManifest(key)));
    for (const key of keys) manifests.delete(key);
  }

  return {
    kind: 's3',

    publishVersion: (files, options) => publishToBucket({ bucket, layout, readPreview }, files, options),

    readPreview,

    async readFile(previewId, version, filePath, options = {}) {
      if (!previewIdPattern.test(previewId) || !isVersionNumber(version)) return undefined;
      const manifest = await readManifest(previewId, version, options.signal);
      const entry = manifest?.files.find((file) => file.path === filePath);
      if (!manifest || !entry || entry.bytes > maxStoredFileBytes) return undefined;
      return bucket.get(layout.file(previewId, manifest.upload, filePath), options.signal);
    },

    async readVersion(previewId, version) {
      const gone = () => new VersionGoneError(`preview ${previewId} has no version ${version} in the bucket`);
      if (!previewIdPattern.test(previewId) || !isVersionNumber(version)) throw gone();
      // Not from memory: a version deleted since must not be read back from its manifest alone.
      manifests.delete(layout.manifest(previewId, version));
      const manifest = await readManifest(previewId, version);
      if (!manifest) throw gone();
      const files: StoredFile[] = [];
      for (let i = 0; i < manifest.files.length; i += parallelReads) {
        const batch = manifest.files.slice(i, i + parallelReads);
        const read = await Promise.all(
          batch.map((file) => bucket.get(layout.file(previewId, manifest.upload, file.path))),
        );
        // A file missing now was deleted with its version while we read: never hand out half of one.
        if (read.some((bytes) => bytes === undefined)) throw gone();
        batch.forEach((file, index) => files.push({ path: file.path, bytes: read[index]! }));
      }
      files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      return { publishedAt: new Date(manifest.publishedAt), files };
    },

    async listVersions(previewId) {
      const record = await readPreview(previewId);
      const summaries: VersionSummary[] = [];
      for (const { version, publishedAt } of record.versions) {
        const manifest = await readManifest(previewId, version);
        if (!manifest) continue;
        const bytes = manifest.files.reduce((sum, file) => sum + file.bytes, 0);
        summaries.push({ version, publishedAt, files: manifest.files.length, bytes });
      }
      return summaries;
    },

    async deleteVersion(previewId, version) {
      if (!previewIdPattern.test(previewId) || !isVersionNumber(version)) return false;
      const manifest = await readManifest(previewId, version);
      if (!manifest) return false;
      const files = await collectKeys(bucket.list(layout.upload(previewId, manifest.upload)));
      // Its claim stays: the number is never handed out again.
      await deleteInOrder(previewId, [layout.manifest(previewId, version), ...files]);
      return true;
    },

    async removePreview(previewId) {
      if (!previewIdPattern.test(previewId)) throw new Error(`not a preview id: ${previewId}`);
      await bucket.put(layout.tombstone(previewId), Buffer.alloc(0));
      await deleteInOrder(previewId, await previewKeys(previewId));
      // Last: while anything of the preview is left, the sweep can still find it here.
      await bucket.delete([layout.indexEntry(previewId)]);
    },

    previewIds,

    async removeLeftovers(now) {
      const isStale = (lastModified: Date) => now.getTime() - lastModified.getTime() > staleUploadMs;
      for await (const page of bucket.list(layout.index)) {
        for (const { key: entry, lastModified: listedAt } of page.objects) {
          const previewId = layout.idOfIndexEntry(entry);
          if (!previewIdPattern.test(previewId)) continue;
          const objects: { key: string; lastModified: Date }[] = [];
          for await (const listed of bucket.list(layout.preview(previewId))) objects.push(...listed.objects);
          const uploadsInUse = new Set<string>();
          const versions = new Set<number>();
          for (const { key } of objects) {
            const version = layout.versionOfManifest(previewId, key);
            if (version === undefined) continue;
            versions.add(version);
            const manifest = await readManifest(previewId, version);
            if (manifest) uploadsInUse.add(manifest.upload);
          }
          const highestVersion = Math.max(0, ...versions);
          const leftovers = objects.filter(({ key, lastModified }) => {
            if (!isStale(lastModified)) return false;
            // No version ever came of this preview (its first publish died): all of it is left over.
            if (versions.size === 0) return true;
            const upload = layout.uploadOfFile(previewId, key);
            if (upload !== undefined) return !uploadsInUse.has(upload);
            // A claim no version came of, below the latest version, can never matter again. Above it, it
            // stays: it may be a deleted version's, whose number must not be handed out twice.
            const claim = layout.versionOfClaim(previewId, key);
            return claim !== undefined && !versions.has(claim) && claim < highestVersion;
          });
          await bucket.delete(leftovers.map(({ key }) => key));
          // Nothing of it left: its entry goes too.
          if (versions.size === 0 && leftovers.length === objects.length && isStale(listedAt))
            await bucket.delete([entry]);
        }
      }
    },

    close() {
      bucket.close();
      return Promise.resolve();
    },
  };
}
