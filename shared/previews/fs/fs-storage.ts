import { lstat, mkdir, readdir, readFile, realpath, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { newPreviewId, previewIdPattern } from '../preview-id.ts';
import {
  maxStoredFileBytes,
  type PreviewRecord,
  type PreviewStorage,
  type StoredFile,
  type VersionSummary,
} from '../storage.ts';
import { VersionGoneError } from '../version-gone-error.ts';
import { hasCode, hasTombstone, listVersionFolders, readExpiry, stagingPrefix, tombstoneDirName } from './fs-layout.ts';
import { publishToFolder } from './publish-to-folder.ts';
import { listVersionFiles, resolveVersionDir, resolveVersionFile } from './resolve-version-file.ts';
import { upgradeLegacyLayout } from './upgrade-legacy-layout.ts';

/** A staging folder older than this was left by a crashed write and is removed. */
const staleStagingMs = 60 * 60 * 1000;
/** Ids per page of previewIds(). */
const idsPerPage = 1000;

/**
 * The filesystem adapter (PREVIEW_STORAGE=fs): previews on a folder, PREVIEWS_DIR, shared by the
 * worker (read-write) and the preview server and api (read-only). The layout is in fs-layout.ts.
 * The folder is created when missing and used by its real path, so a symlinked mount point is fine
 * while every path below it is walked without following symlinks.
 */
export async function openFsStorage(previewsDir: string): Promise<PreviewStorage> {
  await mkdir(previewsDir, { recursive: true });
  const root = await realpath(previewsDir);

  /** Moves `target` out of sight in one rename, then deletes it; false when it was not there. */
  async function removeAtomically(target: string): Promise<boolean> {
    const trash = path.join(root, `${stagingPrefix}${newPreviewId()}`);
    try {
      await rename(target, trash);
    } catch (error) {
      if (hasCode(error, 'ENOENT')) return false;
      throw error;
    }
    await rm(trash, { recursive: true, force: true });
    return true;
  }

  async function readVersionFiles(versionDir: string): Promise<StoredFile[]> {
    const files: StoredFile[] = [];
    for (const filePath of await listVersionFiles(versionDir)) {
      const absolute = path.join(versionDir, filePath);
      if ((await lstat(absolute)).size <= maxStoredFileBytes)
        files.push({ path: filePath, bytes: await readFile(absolute) });
    }
    return files;
  }

  return {
    kind: 'fs',

    publishVersion: (files, options) => publishToFolder(root, files, options),

    async readPreview(previewId): Promise<PreviewRecord> {
      if (!previewIdPattern.test(previewId)) return { gone: false, expiresAt: undefined, versions: [] };
      const previewDir = path.join(root, previewId);
      const exists = (await lstat(previewDir).catch(() => undefined))?.isDirectory() ?? false;
      const expiresAt = exists ? await readExpiry(previewDir) : undefined;
      const versions = exists ? await listVersionFolders(root, previewId) : [];
      // The tombstone last: removal writes it before taking the versions away, so a preview read
      // halfway through its removal is seen gone, never as live with no versions.
      return { gone: await hasTombstone(root, previewId), expiresAt, versions };
    },

    async readFile(previewId, version, filePath, options) {
      const absolute = await resolveVersionFile(root, previewId, version, filePath);
      if (absolute === null) return undefined;
      try {
        if ((await lstat(absolute)).size > maxStoredFileBytes) return undefined;
        return await readFile(absolute, { signal: options?.signal });
      } catch (error) {
        // Removed between the walk and the read: the version went away.
        if (hasCode(error, 'ENOENT', 'ENOTDIR')) return undefined;
        throw error;
      }
    },

    async readVersion(previewId, version) {
      const gone = (cause?: unknown) =>
        new VersionGoneError(`preview ${previewId} has no version ${version} on the volume`, { cause });
      const versionDir = await resolveVersionDir(root, previewId, version);
      if (versionDir === null) throw gone();
      try {
        // The version folder was made while the version was written, and is never changed afterwards.
        const publishedAt = (await lstat(versionDir)).mtime;
        return { publishedAt, files: await readVersionFiles(versionDir) };
      } catch (error) {
        // Removed while it was read (removal renames the folder away first): never half a version.
        if (hasCode(error, 'ENOENT', 'ENOTDIR')) throw gone(error);
        throw error;
      }
    },

    async listVersions(previewId) {
      const summaries: VersionSummary[] = [];
      for (const { version, publishedAt } of await listVersionFolders(root, previewId)) {
        const versionDir = await resolveVersionDir(root, previewId, version);
        if (versionDir === null) continue;
        const sizes = await Promise.all(
          (await listVersionFiles(versionDir).catch(() => [])).map((file) =>
            lstat(path.join(versionDir, file)).then(
              (stats) => stats.size,
              () => 0,
            ),
          ),
        );
        summaries.push({
          version,
          publishedAt,
          files: sizes.length,
          bytes: sizes.reduce((sum, size) => sum + size, 0),
        });
      }
      return summaries;
    },

    async deleteVersion(previewId, version) {
      const versionDir = await resolveVersionDir(root, previewId, version);
      return versionDir !== null && removeAtomically(versionDir);
    },

    async removePreview(previewId) {
      if (!previewIdPattern.test(previewId)) throw new Error(`not a preview id: ${previewId}`);
      await mkdir(path.join(root, tombstoneDirName), { recursive: true });
      await writeFile(path.join(root, tombstoneDirName, previewId), '');
      await removeAtomically(path.join(root, previewId));
    },

    async *previewIds() {
      const entries = await readdir(root, { withFileTypes: true }).catch((error: unknown) => {
        if (hasCode(error, 'ENOENT')) return [];
        throw error;
      });
      const ids = entries
        .filter((entry) => entry.isDirectory() && previewIdPattern.test(entry.name))
        .map((e) => e.name);
      for (let i = 0; i < ids.length; i += idsPerPage) yield ids.slice(i, i + idsPerPage);
    },

    async removeLeftovers(now) {
      const names = await readdir(root).catch((error: unknown) => {
        if (hasCode(error, 'ENOENT')) return [];
        throw error;
      });
      for (const name of names) {
        if (name.startsWith(stagingPrefix)) {
          const stats = await lstat(path.join(root, name)).catch(() => undefined);
          if (stats && now.getTime() - stats.mtime.getTime() > staleStagingMs)
            await rm(path.join(root, name), { recursive: true, force: true });
        } else if (previewIdPattern.test(name)) {
          await upgradeLegacyLayout(root, name);
        }
      }
    },

    async close() {},
  };
}
