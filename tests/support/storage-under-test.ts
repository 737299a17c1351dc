import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { newPreviewId, openPreviewStorage, type PreviewStorage } from '../../shared/previews/index.ts';
import { openBucket, type Bucket } from '../../shared/previews/s3/s3-bucket.ts';
import { s3Layout } from '../../shared/previews/s3/s3-layout.ts';
import { startTestS3Server, type TestS3Server } from './s3-server.ts';
import { uniqueName } from './services.ts';

/** Both preview storage adapters, for suites that run once per adapter (describe.each). */
export const storageKinds = ['fs', 's3'] as const;
export type StorageKind = (typeof storageKinds)[number];

/** A preview storage of one kind on this machine, and what a test needs to look behind it. */
export interface StorageUnderTest {
  kind: StorageKind;
  storage: PreviewStorage;
  /** The environment that points the app at this same storage (PREVIEW_STORAGE and its variables). */
  env: Record<string, string>;
  /**
   * Leaves what a publish that died after writing its files, before the version appeared, leaves
   * behind (in the adapter's own layout): into `previewId`, or a new preview.
   */
  leaveCrashedPublish(previewId?: string): Promise<void>;
  /**
   * Makes `count` previews appear to the listing as cheaply as the adapter allows (folders; index
   * entries), for tests of paging through more than 1,000: publishing that many through a test S3
   * server takes minutes on a busy machine. Returns their ids.
   */
  seedListedPreviews(count: number): Promise<string[]>;
  /** Everything stored, tombstones (and on S3 the empty claims that keep version numbers unique) aside. */
  storedEntries(): Promise<string[]>;
  close(): Promise<void>;
}

/** The filesystem adapter over a temporary folder, or the S3 adapter over a real S3 API server (s3rver) on loopback. */
export async function openStorageUnderTest(kind: StorageKind): Promise<StorageUnderTest> {
  return kind === 'fs' ? openFsUnderTest() : openS3UnderTest();
}

async function openFsUnderTest(): Promise<StorageUnderTest> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ao-storage-'));
  const env = { PREVIEW_STORAGE: 'fs', PREVIEWS_DIR: dir };
  const storage = await openPreviewStorage({ kind: 'fs', dir });
  return {
    kind: 'fs',
    storage,
    env,
    async leaveCrashedPublish(previewId) {
      // publishToFolder's staging folder, complete but never renamed into place.
      const staging = path.join(dir, `.tmp-${newPreviewId()}`);
      const files = previewId === undefined ? path.join(staging, 'v', '1') : staging;
      await mkdir(files, { recursive: true });
      await writeFile(path.join(files, 'index.html'), '<h1>never published</h1>');
    },
    async seedListedPreviews(count) {
      const ids = Array.from({ length: count }, () => newPreviewId());
      for (const id of ids) await mkdir(path.join(dir, id));
      return ids;
    },
    async storedEntries() {
      const entries = await readdir(dir, { recursive: true });
      return entries.filter((entry) => !entry.startsWith('.gone'));
    },
    async close() {
      await storage.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function openS3UnderTest(): Promise<StorageUnderTest> {
  const server: TestS3Server = await startTestS3Server();
  const prefix = uniqueName('previews');
  const config = server.storageConfig(prefix);
  const storage = await openPreviewStorage(config);
  const bucket: Bucket = await openBucket(config);
  const layout = s3Layout(config.prefix);
  return {
    kind: 's3',
    storage,
    env: server.env(prefix),
    async leaveCrashedPublish(existing) {
      // publishToBucket's index entry (for a new preview), files and claim on the next number, without the
      // manifest that would make them a version.
      const previewId = existing ?? newPreviewId();
      const upload = newPreviewId();
      if (existing === undefined) await bucket.put(layout.indexEntry(previewId), Buffer.alloc(0));
      await bucket.put(layout.file(previewId, upload, 'index.html'), Buffer.from('<h1>never published</h1>'));
      if (existing !== undefined) {
        const next = ((await storage.readPreview(previewId)).versions.at(-1)?.version ?? 0) + 1;
        await bucket.put(layout.claim(previewId, next, upload), Buffer.alloc(0));
      }
    },
    async seedListedPreviews(count) {
      const ids = Array.from({ length: count }, () => newPreviewId());
      for (let i = 0; i < ids.length; i += 20)
        await Promise.all(ids.slice(i, i + 20).map((id) => bucket.put(layout.indexEntry(id), Buffer.alloc(0))));
      return ids;
    },
    async storedEntries() {
      const keys: string[] = [];
      for await (const page of bucket.list(config.prefix)) keys.push(...page.objects.map((object) => object.key));
      return keys.filter((key) => !key.startsWith(`${config.prefix}gone/`) && !key.includes('/claims/'));
    },
    async close() {
      bucket.close();
      await storage.close();
      await server.close();
    },
  };
}
