/**
 * How versions are named wherever they appear: `/p/<id>/v/<n>/` on the preview origin, `<id>/v/<n>/`
 * on the filesystem volume, `previews/<id>/v/<n>.json` in a bucket. Bundle paths may not start with
 * `v/` (shared/bundle.ts), so `/p/<id>/v/<n>/` never clashes with a file of the latest version.
 * Versions of a preview are numbered 1, 2, 3 …; the latest is the highest, and a version never
 * changes once published.
 */
export const versionsDirName = 'v';

/** A version as a folder name and URL segment: a positive integer without leading zeros (at most 9 digits). */
export const versionPattern = /^[1-9][0-9]{0,8}$/;

/** Whether `version` is a number a version can have. */
export function isVersionNumber(version: number): boolean {
  return Number.isSafeInteger(version) && versionPattern.test(String(version));
}
