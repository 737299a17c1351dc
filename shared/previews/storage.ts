/**
 * The preview storage port: where published sites live, one interface with two adapters —
 * filesystem (fs/, PREVIEW_STORAGE=fs, the default) and S3-compatible object storage (s3/,
 * PREVIEW_STORAGE=s3). The worker publishes through it, the preview server and the api read
 * through it, the sweep and the ops CLI delete through it. tests/shared/previews/storage-contract.test.ts
 * holds both adapters to the same behaviour.
 *
 * What every adapter guarantees:
 * - **Atomic versions.** A version's files are written first and the version appears in one step
 *   last (a rename, a manifest object): a reader sees all of a version or none of it, and a crash
 *   mid-publish leaves nothing visible (removeLeftovers clears what it left).
 * - **Immutable versions.** Once published a version never changes; it can only be deleted whole.
 * - **Distinct numbers.** Concurrent publishes to one preview get different version numbers.
 * - **End of life.** removePreview leaves a tombstone first (the preview is gone from then on),
 *   then removes the files; a preview whose recorded expiry passed is over without any sweep.
 */
export interface PreviewStorage {
  /** Which adapter: for logs and startup lines. */
  readonly kind: PreviewStorageKind;
  /**
   * Publishes `files` as the next version of `previewId`, or as version 1 of a new preview (a new
   * id) when `previewId` is unset, and moves the preview's expiry to `expiresAt` unless it is
   * already later. Throws VersionGoneError when the preview is over (expired, deleted) or has no
   * version to add to. The caller has checked the files against the bundle rules.
   */
  publishVersion(files: readonly StoredFile[], options: PublishOptions): Promise<PublishedVersion>;
  /** What a reader needs to decide how to answer for a preview, read in one go. Unknown ids give an empty record. */
  readPreview(previewId: string, options?: ReadOptions): Promise<PreviewRecord>;
  /** One file of a published version, or undefined when the version has no such file (or is gone). */
  readFile(previewId: string, version: number, filePath: string, options?: ReadOptions): Promise<Buffer | undefined>;
  /** Every file of one version, sorted by path; throws VersionGoneError when there is no such version, or it went while being read. */
  readVersion(previewId: string, version: number): Promise<StoredVersion>;
  /** The complete versions of a preview with their sizes, oldest first (none for an unknown or removed preview). */
  listVersions(previewId: string): Promise<VersionSummary[]>;
  /** Removes one version, atomically for readers; false when there was no such version. */
  deleteVersion(previewId: string, version: number): Promise<boolean>;
  /** Takes a preview offline for good: tombstone first, then every version. Idempotent. */
  removePreview(previewId: string): Promise<void>;
  /** Every preview id that still has anything stored, a page at a time. */
  previewIds(): AsyncIterable<string[]>;
  /**
   * Clears what crashed or interrupted writes left behind (staging folders, uploads no version
   * names) once older than an hour at `now`, and any layout upgrade the adapter owes.
   */
  removeLeftovers(now: Date): Promise<void>;
  /** Releases connections; the storage is not used afterwards. */
  close(): Promise<void>;
}

export type PreviewStorageKind = 'fs' | 's3';

/** One file of a version as stored: its bundle path (`index.html`, `img/logo.png`) and bytes. */
export interface StoredFile {
  path: string;
  bytes: Buffer;
}

export interface PublishOptions {
  /** The preview to add a version to; unset: a new preview, whose first version is 1. */
  previewId?: string;
  /** When the preview stops being served (410). A new version moves it this far, never earlier. */
  expiresAt: Date;
}

export interface PublishedVersion {
  previewId: string;
  version: number;
}

export interface ReadOptions {
  /** Aborts the read (the preview server's read timeout). */
  signal?: AbortSignal;
}

/** A preview as its readers see it. */
export interface PreviewRecord {
  /** Deleted or swept: a tombstone says so, and it never comes back. */
  gone: boolean;
  /**
   * When it stops being served. Undefined when nothing records it (filesystem previews published
   * before expiry was recorded: the sweep ends those); a record that cannot be read is the Unix
   * epoch, long past, so a damaged preview fails closed.
   */
  expiresAt: Date | undefined;
  /** The complete versions, oldest first. */
  versions: { version: number; publishedAt: Date }[];
}

export interface StoredVersion {
  publishedAt: Date;
  files: StoredFile[];
}

export interface VersionSummary {
  version: number;
  publishedAt: Date;
  files: number;
  /** All its files together. */
  bytes: number;
}

/** Whether a preview is over at `now`: its tombstone, or its recorded expiry. */
export function isPreviewOver(record: PreviewRecord, now: Date): boolean {
  return record.gone || (record.expiresAt !== undefined && record.expiresAt.getTime() <= now.getTime());
}

/** Stored files larger than this did not come from the worker (bundles hold at most 2 MiB); no reader returns them. */
export const maxStoredFileBytes = 4 * 1024 * 1024;
