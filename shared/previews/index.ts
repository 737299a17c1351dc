// Everything about how a published site is stored, laid out and read (the storage port and its
// filesystem and S3 adapters, versions, ids, links, the sweep, the zip download). Services import
// from here; the modules inside import each other directly.
export { zipFolderName, zipVersion } from './bundle-zip.ts';
export { deletePreview, type DeletedPreview } from './delete-preview.ts';
export { describePreviewStorage, openPreviewStorage } from './open-preview-storage.ts';
export { newPreviewId, previewIdPattern } from './preview-id.ts';
export { previewHostModes, previewUrl, type PreviewHostMode } from './preview-url.ts';
export { pruneVersions, removeVersions, type PruneOptions } from './prune-versions.ts';
export { readVersion } from './read-version.ts';
export {
  isPreviewOver,
  maxStoredFileBytes,
  type PreviewRecord,
  type PreviewStorage,
  type PreviewStorageKind,
  type PublishedVersion,
  type PublishOptions,
  type ReadOptions,
  type StoredFile,
  type StoredVersion,
  type VersionSummary,
} from './storage.ts';
export { ownerOfSite, storageUsedBy } from './storage-use.ts';
export { storageLimitsOf, sweepPreviews, type StorageLimits, type SweepOptions } from './sweep-previews.ts';
export { VersionGoneError } from './version-gone-error.ts';
export { IMPACTS, isSerious, qualityFindingSchema, type QualityFinding } from './version-quality.ts';
export { isVersionNumber, versionPattern, versionsDirName } from './versions.ts';
