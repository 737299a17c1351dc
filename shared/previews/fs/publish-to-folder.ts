import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { newPreviewId, previewIdPattern } from '../preview-id.ts';
import { isPreviewOver, type PublishedVersion, type PublishOptions, type StoredFile } from '../storage.ts';
import { VersionGoneError } from '../version-gone-error.ts';
import { versionsDirName } from '../versions.ts';
import { extendExpiry } from './extend-expiry.ts';
import {
  hasCode,
  hasTombstone,
  listVersionFolders,
  previewMetaFileName,
  readExpiry,
  stagingPrefix,
  versionsDir,
  type PreviewMeta,
} from './fs-layout.ts';

/**
 * Publishes files as the next version of a preview, or as version 1 of a new one, so that readers
 * see all of it or nothing: the files go into a hidden staging folder (`<root>/.tmp-…`, never
 * served) and one rename puts it in place — a new preview as a whole (`<id>/.meta.json` and
 * `<id>/v/1/`), a new version as `<id>/v/<n>/`. Two publishes to one preview at once get different
 * numbers: a rename onto a version folder that exists fails (it is never empty), and the loser takes
 * the next number. On any failure the staging folder is removed.
 */
export async function publishToFolder(
  root: string,
  files: readonly StoredFile[],
  options: PublishOptions,
): Promise<PublishedVersion> {
  if (options.previewId !== undefined && !previewIdPattern.test(options.previewId))
    throw new Error(`not a preview id: ${options.previewId}`);
  await mkdir(root, { recursive: true });
  if (options.previewId !== undefined && (await isOverOnDisk(root, options.previewId))) {
    throw new VersionGoneError(`preview ${options.previewId} expired or was deleted; no new version`);
  }
  const staging = path.join(root, `${stagingPrefix}${newPreviewId()}`);
  try {
    if (options.previewId === undefined) {
      const previewId = newPreviewId();
      await writeFiles(path.join(staging, versionsDirName, '1'), files);
      const meta: PreviewMeta = { expiresAt: options.expiresAt.toISOString() };
      await writeFile(path.join(staging, previewMetaFileName), JSON.stringify(meta), { flag: 'wx' });
      await rename(staging, path.join(root, previewId));
      return { previewId, version: 1 };
    }
    await writeFiles(staging, files);
    const version = await renameToNextVersion(staging, root, options.previewId);
    await extendExpiry(path.join(root, options.previewId), options.expiresAt);
    return { previewId: options.previewId, version };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

async function isOverOnDisk(root: string, previewId: string): Promise<boolean> {
  const gone = await hasTombstone(root, previewId);
  const expiresAt = await readExpiry(path.join(root, previewId));
  return isPreviewOver({ gone, expiresAt, versions: [] }, new Date());
}

/** Writes every file under `dir` (created), refusing to overwrite anything. */
async function writeFiles(dir: string, files: readonly StoredFile[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const file of files) {
    const target = path.resolve(dir, file.path);
    // The bundle rules already forbid `..`; this keeps the writer safe even if they ever change.
    if (!target.startsWith(dir + path.sep)) throw new Error(`file path escapes the version: ${file.path}`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.bytes, { flag: 'wx' });
  }
}

/**
 * Renames the finished staging folder to `<previewId>/v/<n>` for the first free n after the latest
 * version. Linux renames a folder onto an existing one only when that one is empty, and a version
 * folder never is (every bundle has an index.html), so a taken number fails with EEXIST/ENOTEMPTY
 * and the next one is tried. `v/` is never created here: if it is missing, so is the preview.
 */
async function renameToNextVersion(staging: string, root: string, previewId: string): Promise<number> {
  const dir = versionsDir(root, previewId);
  for (let version = ((await listVersionFolders(root, previewId)).at(-1)?.version ?? 0) + 1; ; version += 1) {
    try {
      await rename(staging, path.join(dir, String(version)));
      return version;
    } catch (error) {
      if (hasCode(error, 'EEXIST', 'ENOTEMPTY')) continue;
      if (hasCode(error, 'ENOENT'))
        throw new VersionGoneError(`preview ${previewId} has no versions folder; no new version`, { cause: error });
      throw error;
    }
  }
}
