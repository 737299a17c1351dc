import { cp, lstat, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { newPreviewId } from '../preview-id.ts';
import { versionsDirName } from '../versions.ts';
import { hasCode, listVersionFolders, stagingPrefix, versionsDir } from './fs-layout.ts';

/**
 * Previews published before versions existed hold their files at the top of their folder
 * (`<id>/index.html`, …), where the preview no longer looks; the database already counts them as
 * version 1 (migration 20261122050000_conversations). This moves one such preview to the versioned
 * layout: a copy of its files becomes `<id>/v/1/` in one rename, then the old top-level files go.
 * Every bundle has an index.html and a versioned preview has no file at its top, so a top-level
 * index.html is what marks the old layout. Idempotent, and safe with several workers at once: only
 * one rename can create `v/1`; a crash halfway is finished by the next call. Returns whether
 * anything was moved or removed.
 */
export async function upgradeLegacyLayout(previewsDir: string, previewId: string): Promise<boolean> {
  const root = path.resolve(previewsDir);
  const previewDir = path.join(root, previewId);
  if (!(await lstat(path.join(previewDir, 'index.html')).catch(() => undefined))?.isFile()) return false;

  if ((await listVersionFolders(root, previewId)).length === 0) {
    const staging = path.join(root, `${stagingPrefix}${newPreviewId()}`);
    try {
      // Dotfiles (`.meta.json`) stay where they are; everything else of the old bundle is copied.
      await cp(previewDir, staging, {
        recursive: true,
        errorOnExist: true,
        filter: (source) => source === previewDir || !path.basename(source).startsWith('.'),
      });
      await mkdir(versionsDir(root, previewId)).catch(ignoreCode('EEXIST'));
      await rename(staging, path.join(versionsDir(root, previewId), '1')).catch(ignoreCode('EEXIST', 'ENOTEMPTY'));
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  // Version 1 is in place (ours or another worker's): the old copy at the top goes.
  for (const entry of await readdir(previewDir)) {
    if (entry.startsWith('.') || entry === versionsDirName) continue;
    await rm(path.join(previewDir, entry), { recursive: true, force: true });
  }
  return true;
}

function ignoreCode(...codes: string[]) {
  return (error: unknown) => {
    if (!hasCode(error, ...codes)) throw error;
  };
}
