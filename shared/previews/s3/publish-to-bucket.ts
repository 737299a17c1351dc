import { setTimeout as sleep } from 'node:timers/promises';
import { bundleFileType, bundleFileTypes } from '../../bundle.ts';
import { newPreviewId, previewIdPattern } from '../preview-id.ts';
import {
  isPreviewOver,
  type PreviewRecord,
  type PublishedVersion,
  type PublishOptions,
  type StoredFile,
} from '../storage.ts';
import { VersionGoneError } from '../version-gone-error.ts';
import type { Bucket } from './s3-bucket.ts';
import type { Manifest, S3Layout } from './s3-layout.ts';

/** Uploads at once while a version's files go up. */
const parallelUploads = 4;
/** Tries for a version number when other publishes keep taking the same one. */
const maxClaimTries = 30;

export interface PublishContext {
  bucket: Bucket;
  layout: S3Layout;
  /** The preview as readers see it now (PreviewStorage.readPreview). */
  readPreview(previewId: string): Promise<PreviewRecord>;
}

/**
 * Publishes files as the next version of a preview (or version 1 of a new one) so that readers see
 * all of it or nothing: the files go up first, under an upload id nothing points at yet; then a
 * version number is claimed; the manifest, written last, makes the version exist. A crash at any
 * point before the manifest leaves only objects no reader looks at (the sweep removes them after
 * an hour). If anything fails on the way, what was written is taken back as far as possible.
 */
export async function publishToBucket(
  context: PublishContext,
  files: readonly StoredFile[],
  options: PublishOptions,
): Promise<PublishedVersion> {
  const { bucket, layout } = context;
  if (options.previewId !== undefined && !previewIdPattern.test(options.previewId))
    throw new Error(`not a preview id: ${options.previewId}`);
  const previous = options.previewId === undefined ? undefined : await context.readPreview(options.previewId);
  if (previous && (isPreviewOver(previous, new Date()) || previous.versions.length === 0))
    throw new VersionGoneError(`preview ${options.previewId} expired, was deleted or has no version; no new version`);

  const previewId = options.previewId ?? newPreviewId();
  const upload = newPreviewId();
  /** The files and claim this publish wrote, and its manifest: what a failure takes back. */
  const written: string[] = [];
  let manifestKey: string | undefined;
  try {
    // A new preview is entered in the index before anything else, so the sweep finds whatever a crash leaves.
    if (previous === undefined) {
      written.push(layout.indexEntry(previewId));
      await bucket.put(layout.indexEntry(previewId), Buffer.alloc(0));
    }
    await forEachLimited(files, parallelUploads, async (file) => {
      const key = layout.file(previewId, upload, file.path);
      written.push(key);
      await bucket.put(key, file.bytes, bundleFileTypes[bundleFileType(file.path)!].contentType);
    });
    // A new preview's id was made here, 130 random bits: no other publish can race for its numbers.
    const version = previous === undefined ? 1 : await claimNextVersion(context, previewId, upload, written);
    const expiresAt =
      previous?.expiresAt !== undefined && previous.expiresAt > options.expiresAt
        ? previous.expiresAt
        : options.expiresAt;
    const manifest: Manifest = {
      version,
      upload,
      publishedAt: new Date().toISOString(),
      expiresAt: expiresAt.toISOString(),
      files: files.map((file) => ({ path: file.path, bytes: file.bytes.length })),
    };
    manifestKey = layout.manifest(previewId, version);
    await bucket.put(manifestKey, Buffer.from(JSON.stringify(manifest)), 'application/json');
    // Removed while we wrote: the version would sit under a tombstone. Take it back and say so.
    if (previous !== undefined && (await bucket.exists(layout.tombstone(previewId))))
      throw new VersionGoneError(`preview ${previewId} was deleted while version ${version} was published`);
    return { previewId, version };
  } catch (error) {
    // The manifest first and on its own: once the claim is gone another publish may take the number.
    if (manifestKey !== undefined) await bucket.delete([manifestKey]).catch(() => undefined);
    await bucket.delete(written).catch(() => undefined);
    throw error;
  }
}

/**
 * Claims the next free version number of a preview: write a claim on n, then list the claims on n.
 * Whoever finds only their own claim (and no manifest n) owns n; anyone who finds another claim
 * withdraws and tries again. Two publishes can never both own n — of two claimants, the one that
 * listed second sees the first one's claim, which a winner never withdraws — and this needs only
 * read-after-write consistent listings (AWS S3, MinIO, Ceph, R2, s3rver), not conditional writes.
 * Claims stay until the preview is removed, so a number is never handed out twice.
 */
async function claimNextVersion(
  { bucket, layout }: PublishContext,
  previewId: string,
  upload: string,
  written: string[],
): Promise<number> {
  for (let attempt = 1; attempt <= maxClaimTries; attempt++) {
    const version = (await highestNumberUsed(bucket, layout, previewId)) + 1;
    const claim = layout.claim(previewId, version, upload);
    written.push(claim);
    await bucket.put(claim, Buffer.alloc(0));
    const claimants = await collectKeys(bucket.list(layout.claimsOn(previewId, version)));
    if (claimants.length === 1 && !(await bucket.exists(layout.manifest(previewId, version)))) return version;
    await bucket.delete([claim]);
    written.pop();
    // Both may have withdrawn: wait a random while so the next round has one winner.
    await sleep(Math.random() * 10 * attempt);
  }
  throw new Error(`could not claim a version number of preview ${previewId} in ${maxClaimTries} tries`);
}

/** The highest version number any claim or manifest of the preview holds (0 for none). */
async function highestNumberUsed(bucket: Bucket, layout: S3Layout, previewId: string): Promise<number> {
  let highest = 0;
  for (const key of await collectKeys(bucket.list(layout.claims(previewId))))
    highest = Math.max(highest, layout.versionOfClaim(previewId, key) ?? 0);
  for (const key of await collectKeys(bucket.list(layout.manifests(previewId))))
    highest = Math.max(highest, layout.versionOfManifest(previewId, key) ?? 0);
  return highest;
}

/** Every key of a listing. */
export async function collectKeys(pages: AsyncIterable<{ objects: { key: string }[] }>): Promise<string[]> {
  const keys: string[] = [];
  for await (const page of pages) keys.push(...page.objects.map((object) => object.key));
  return keys;
}

/** Runs `work` over `items`, at most `limit` at a time; the first failure rejects. */
async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}
