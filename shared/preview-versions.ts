import { readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * How a preview's versions sit on the previews volume (the worker writes them, the preview serves
 * them, the api zips them):
 *
 *   PREVIEWS_DIR/<previewId>/.meta.json     the preview's end of life (shared/preview-lifecycle.ts)
 *   PREVIEWS_DIR/<previewId>/v/<n>/…        version n's files (n = 1, 2, 3 …), index.html among them
 *
 * A version folder appears only by the rename of a finished staging folder and is never changed
 * afterwards, so whoever sees `v/<n>` sees all of version n. The latest version is the highest n.
 * Bundle paths may not start with `v/` (shared/bundle.ts), so `/p/<id>/v/<n>/` never clashes with
 * a file of the latest version.
 */
export const versionsDirName = 'v';

/** A version as a folder name and URL segment: a positive integer without leading zeros (at most 9 digits). */
export const versionPattern = /^[1-9][0-9]{0,8}$/;

/** Whether `version` is a number a version folder can have. */
export function isVersionNumber(version: number): boolean {
  return Number.isSafeInteger(version) && versionPattern.test(String(version));
}

/** `<previewsDir>/<previewId>/v`: the folder holding a preview's versions. */
export function versionsDir(previewsDir: string, previewId: string): string {
  return path.join(previewsDir, previewId, versionsDirName);
}

/**
 * The complete versions of a preview, oldest first: the real folders (not symlinks) named by
 * `versionPattern` under `<previewId>/v/`. None when the preview or its `v/` folder does not exist.
 * The caller has checked `previewId` (this module stays free of the bundle rules it would import).
 */
export async function listVersions(previewsDir: string, previewId: string): Promise<number[]> {
  let entries;
  try {
    entries = await readdir(versionsDir(previewsDir, previewId), { withFileTypes: true });
  } catch (error) {
    if (error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isDirectory() && versionPattern.test(entry.name))
    .map((entry) => Number(entry.name))
    .sort((a, b) => a - b);
}

/** The highest complete version of a preview, or undefined when it has none. */
export async function latestVersion(previewsDir: string, previewId: string): Promise<number | undefined> {
  return (await listVersions(previewsDir, previewId)).at(-1);
}
