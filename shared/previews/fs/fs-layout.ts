import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { versionPattern, versionsDirName } from '../versions.ts';

/**
 * How previews sit on the filesystem volume (PREVIEW_STORAGE=fs, PREVIEWS_DIR):
 *
 *   PREVIEWS_DIR/<previewId>/.meta.json     { "expiresAt": ISO time }: written with the first version,
 *                                           moved later by each new one (never earlier)
 *   PREVIEWS_DIR/<previewId>/v/<n>/…        version n's files (n = 1, 2, 3 …), index.html among them
 *   PREVIEWS_DIR/.gone/<previewId>          an empty file, the tombstone of a removed preview
 *   PREVIEWS_DIR/.tmp-<random>/             staging: a version being written, or a preview being removed
 *
 * A version folder appears only by the rename of a finished staging folder and is never changed
 * afterwards, so whoever sees `v/<n>` sees all of version n. Every name that is not a preview's
 * starts with a dot, and a dot never starts a bundle path, so nothing here is ever served.
 */
/** `<previewId>/.meta.json`: the preview's expiry. */
export const previewMetaFileName = '.meta.json';
/** `.gone/`: one empty file per removed preview. */
export const tombstoneDirName = '.gone';
/** `.tmp-<random>`: a version being written, or a preview being removed. */
export const stagingPrefix = '.tmp-';

/** What `.meta.json` holds. */
export const previewMetaSchema = z.object({
  /** From then on the preview answers 410, whether or not the sweep removed the files yet. */
  expiresAt: z.iso.datetime(),
});

export type PreviewMeta = z.infer<typeof previewMetaSchema>;

/** The end-of-life record is tiny; a bigger file is not one the worker wrote. */
const maxMetaBytes = 4096;

/** `<root>/<previewId>/v`: the folder holding a preview's versions. */
export function versionsDir(root: string, previewId: string): string {
  return path.join(root, previewId, versionsDirName);
}

/** Whether the sweep left a tombstone for this preview (a plain file; anything else is not ours). */
export async function hasTombstone(root: string, previewId: string): Promise<boolean> {
  return isPlainFile(path.join(root, tombstoneDirName, previewId));
}

/**
 * The expiry recorded in `<previewDir>/.meta.json`: undefined when there is no record, the Unix
 * epoch (long past) when there is one but it is not a plain, valid file.
 */
export async function readExpiry(previewDir: string): Promise<Date | undefined> {
  const metaPath = path.join(previewDir, previewMetaFileName);
  const stats = await lstat(metaPath).catch(() => undefined);
  if (!stats) return undefined;
  if (!stats.isFile() || stats.size > maxMetaBytes) return new Date(0);
  try {
    return new Date(previewMetaSchema.parse(JSON.parse(await readFile(metaPath, 'utf8'))).expiresAt);
  } catch {
    return new Date(0);
  }
}

/**
 * The complete versions of a preview, oldest first: the real folders (not symlinks) named by
 * `versionPattern` under `<previewId>/v/`, each dated by its folder (made when the version was
 * written, never changed afterwards). None when the preview or its `v/` folder does not exist.
 */
export async function listVersionFolders(
  root: string,
  previewId: string,
): Promise<{ version: number; publishedAt: Date }[]> {
  const dir = versionsDir(root, previewId);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (hasCode(error, 'ENOENT', 'ENOTDIR')) return [];
    throw error;
  }
  const versions: { version: number; publishedAt: Date }[] = [];
  for (const name of names.filter((name) => versionPattern.test(name))) {
    const stats = await lstat(path.join(dir, name)).catch(() => undefined);
    if (stats?.isDirectory()) versions.push({ version: Number(name), publishedAt: stats.mtime });
  }
  return versions.sort((a, b) => a.version - b.version);
}

/** Whether `filePath` is a regular file (not a symlink, not a folder). */
export async function isPlainFile(filePath: string): Promise<boolean> {
  const stats = await lstat(filePath).catch(() => undefined);
  return stats?.isFile() ?? false;
}

/** Whether `error` is a Node system error with one of `codes` (ENOENT, EEXIST, …). */
export function hasCode(error: unknown, ...codes: string[]): boolean {
  return error instanceof Error && 'code' in error && codes.includes(String(error.code));
}
