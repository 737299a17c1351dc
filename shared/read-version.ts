import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleFileType, bundleFileTypes, bundlePathPattern, previewIdPattern, type BundleFile } from './bundle.ts';
import { AppError } from './errors.ts';
import { isVersionNumber, versionsDirName } from './preview-versions.ts';

/**
 * The preview or the version asked for is not on the volume: never published, or removed with its
 * expired or deleted preview. Asking again will not bring it back.
 */
export class VersionGoneError extends AppError {
  readonly code = 'version_gone';
  readonly retryable = false;
  readonly userReason = 'versionGone';
}

/** One file of a version as it is on disk. */
export interface VersionFile {
  /** Bundle path, e.g. `index.html`, `img/logo.png`. */
  path: string;
  bytes: Buffer;
}

/**
 * The files of version `version` of a preview, as a bundle holds them: text types as UTF-8, the
 * binary image types base64-encoded (shared/bundle.ts), sorted by path. Title and summary are not
 * on the volume; the caller has them (the database) and adds them to make a Bundle. The worker uses
 * it to show a provider the site it revises, and to restore a version by publishing a copy.
 * Throws VersionGoneError when there is no such version.
 */
export async function readVersion(previewsDir: string, previewId: string, version: number): Promise<BundleFile[]> {
  return (await readVersionFiles(previewsDir, previewId, version)).map(({ path: filePath, bytes }): BundleFile =>
    bundleFileTypes[bundleFileType(filePath)!].binary
      ? { path: filePath, content: bytes.toString('base64'), encoding: 'base64' }
      : { path: filePath, content: bytes.toString('utf8') },
  );
}

/**
 * The files of one version as bytes, sorted by path; throws VersionGoneError when there is no such
 * version. Only what a bundle may hold is read: regular files whose paths pass the bundle rules,
 * reached through real folders (a symlink anywhere is skipped, never followed), so nothing from
 * outside the version can end up in a provider request or a download.
 */
export async function readVersionFiles(
  previewsDir: string,
  previewId: string,
  version: number,
): Promise<VersionFile[]> {
  const versionDir = await openVersionDir(previewsDir, previewId, version);
  const files: VersionFile[] = [];
  const pendingFolders = [''];
  while (pendingFolders.length > 0) {
    const folder = pendingFolders.pop()!;
    for (const entry of await readdir(path.join(versionDir, folder), { withFileTypes: true })) {
      const filePath = folder === '' ? entry.name : `${folder}/${entry.name}`;
      // Bundle paths have at most two folder levels; a deeper folder holds nothing a bundle can have.
      if (entry.isDirectory() && filePath.split('/').length <= 2) pendingFolders.push(filePath);
      else if (entry.isFile() && bundlePathPattern.test(filePath) && bundleFileType(filePath) !== undefined) {
        files.push({ path: filePath, bytes: await readFile(path.join(versionDir, filePath)) });
      }
    }
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * `<previewsDir>/<previewId>/v/<version>` when each of those is a real folder, checked one by one
 * (no symlinks on the way); otherwise the version is gone.
 */
export async function openVersionDir(previewsDir: string, previewId: string, version: number): Promise<string> {
  const gone = () => new VersionGoneError(`preview ${previewId} has no version ${version} on the volume`);
  if (!previewIdPattern.test(previewId) || !isVersionNumber(version)) throw gone();
  let current = path.resolve(previewsDir);
  for (const segment of [previewId, versionsDirName, String(version)]) {
    current = path.join(current, segment);
    const stats = await lstat(current).catch(() => undefined);
    if (!stats?.isDirectory()) throw gone();
  }
  return current;
}
