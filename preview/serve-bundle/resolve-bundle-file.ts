import { lstat, mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { bundlePathPattern, previewIdPattern } from '../../shared/bundle.ts';
import { isVersionNumber, versionsDirName } from '../../shared/preview-versions.ts';

/**
 * The previews directory as a real, absolute path (created when missing, e.g. before the worker
 * published anything). Resolved once, so a symlinked mount point is fine while every path below it
 * is checked component by component.
 */
export async function openBundlesRoot(previewsDir: string): Promise<string> {
  await mkdir(previewsDir, { recursive: true });
  return realpath(previewsDir);
}

/** Errors that mean "this path does not name a servable file", not "the server is broken". */
const notServableCodes = new Set(['ENOENT', 'ENOTDIR', 'ELOOP', 'ENAMETOOLONG', 'EACCES', 'EPERM']);

/**
 * Returns `<previewId>/v/<version>/<filePath>` (relative to `bundlesRoot`) when it names a regular
 * file reached through real directories only, else null. A symlink anywhere — the preview folder,
 * `v`, the version folder, a subfolder or the file — is refused rather than followed: a preview
 * only ever holds files the worker wrote.
 *
 * The check and the later open are two steps; that is acceptable because versions are published by
 * an atomic rename of a finished folder and are never edited in place.
 */
export async function resolveBundleFile(
  bundlesRoot: string,
  previewId: string,
  version: number,
  filePath: string,
): Promise<string | null> {
  // Re-checked here so this function is safe on its own, whoever calls it.
  if (!previewIdPattern.test(previewId) || !isVersionNumber(version) || !bundlePathPattern.test(filePath)) return null;
  const segments = [previewId, versionsDirName, String(version), ...filePath.split('/')];
  const versionDir = path.join(bundlesRoot, previewId, versionsDirName, String(version));

  let current = bundlesRoot;
  for (const [index, segment] of segments.entries()) {
    current = path.join(current, segment);
    const stats = await lstatOrNull(current);
    if (!stats || stats.isSymbolicLink()) return null;
    const isLast = index === segments.length - 1;
    if (isLast ? !stats.isFile() : !stats.isDirectory()) return null;
  }

  // Defence in depth: with no symlink on the way, the real path is exactly the path walked, inside the version.
  const real = await realpathOrNull(current);
  if (real !== current || !real.startsWith(versionDir + path.sep)) return null;
  return segments.join('/');
}

async function lstatOrNull(filePath: string) {
  try {
    return await lstat(filePath);
  } catch (error) {
    if (isNotServable(error)) return null;
    throw error;
  }
}

async function realpathOrNull(filePath: string): Promise<string | null> {
  try {
    return await realpath(filePath);
  } catch (error) {
    if (isNotServable(error)) return null;
    throw error;
  }
}

function isNotServable(error: unknown): boolean {
  return error instanceof Error && 'code' in error && notServableCodes.has(String(error.code));
}
