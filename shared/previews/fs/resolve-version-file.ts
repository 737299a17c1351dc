import { lstat, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { bundleFileType, bundlePathPattern } from '../../bundle.ts';
import { previewIdPattern } from '../preview-id.ts';
import { isVersionNumber, versionsDirName } from '../versions.ts';
import { hasCode } from './fs-layout.ts';

/** Errors that mean "this path does not name a servable file", not "the volume is broken". */
const notServableCodes = ['ENOENT', 'ENOTDIR', 'ELOOP', 'ENAMETOOLONG', 'EACCES', 'EPERM'];

/**
 * `<root>/<previewId>/v/<version>/<filePath>` when it names a regular file reached through real
 * folders only, else null. A symlink anywhere — the preview folder, `v`, the version folder, a
 * subfolder or the file — is refused rather than followed: a preview only ever holds files the
 * worker wrote. `root` is the real path of the volume (a symlinked mount point is fine).
 *
 * The check and the later read are two steps; that is acceptable because versions are published
 * by an atomic rename of a finished folder and are never edited in place.
 */
export async function resolveVersionFile(
  root: string,
  previewId: string,
  version: number,
  filePath: string,
): Promise<string | null> {
  // Re-checked here so this function is safe on its own, whoever calls it.
  if (!previewIdPattern.test(previewId) || !isVersionNumber(version) || !bundlePathPattern.test(filePath)) return null;
  const versionDir = await resolveVersionDir(root, previewId, version);
  if (versionDir === null) return null;
  let current = versionDir;
  const segments = filePath.split('/');
  for (const [index, segment] of segments.entries()) {
    current = path.join(current, segment);
    const stats = await lstatOrNull(current);
    const isLast = index === segments.length - 1;
    if (!stats || (isLast ? !stats.isFile() : !stats.isDirectory())) return null;
  }
  // Defence in depth: with no symlink on the way, the real path is exactly the path walked, inside the version.
  const real = await realpath(current).catch((error: unknown) => {
    if (hasCode(error, ...notServableCodes)) return null;
    throw error;
  });
  return real === current && real.startsWith(versionDir + path.sep) ? real : null;
}

/** `<root>/<previewId>/v/<version>` when each of those is a real folder, checked one by one; else null. */
export async function resolveVersionDir(root: string, previewId: string, version: number): Promise<string | null> {
  if (!previewIdPattern.test(previewId) || !isVersionNumber(version)) return null;
  let current = root;
  for (const segment of [previewId, versionsDirName, String(version)]) {
    current = path.join(current, segment);
    if (!(await lstatOrNull(current))?.isDirectory()) return null;
  }
  return current;
}

/**
 * The bundle paths of the files in a version folder, sorted. Only what a bundle may hold is listed:
 * regular files whose paths pass the bundle rules, reached through real folders (a symlink anywhere
 * is skipped, never followed), so nothing from outside the version can end up in a provider request
 * or a download. Throws ENOENT when the folder goes away while it is listed.
 */
export async function listVersionFiles(versionDir: string): Promise<string[]> {
  const files: string[] = [];
  const pendingFolders = [''];
  while (pendingFolders.length > 0) {
    const folder = pendingFolders.pop()!;
    for (const entry of await readdir(path.join(versionDir, folder), { withFileTypes: true })) {
      const filePath = folder === '' ? entry.name : `${folder}/${entry.name}`;
      // Bundle paths have at most two folder levels; a deeper folder holds nothing a bundle can have.
      if (entry.isDirectory() && filePath.split('/').length <= 2) pendingFolders.push(filePath);
      else if (entry.isFile() && bundlePathPattern.test(filePath) && bundleFileType(filePath) !== undefined)
        files.push(filePath);
    }
  }
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

async function lstatOrNull(filePath: string) {
  try {
    return await lstat(filePath);
  } catch (error) {
    if (hasCode(error, ...notServableCodes)) return null;
    throw error;
  }
}
