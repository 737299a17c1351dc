import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { previewMetaFileName, previewMetaSchema, tombstoneDirName } from '../../shared/preview-lifecycle.ts';

/** The end-of-life record is tiny; a bigger file is not one the worker wrote. */
const maxMetaBytes = 4096;

/**
 * Whether a preview must answer 410: the sweep left a tombstone for it (deleted or expired, files
 * gone), or its `.meta.json` says it expired — so it is gone the moment it expires, before any
 * sweep. A bundle without `.meta.json` (published before expiry was recorded there) is live until
 * the sweep removes it. A record that is not a plain, valid file fails closed: gone.
 */
export async function isPreviewGone(bundlesRoot: string, previewId: string, now: Date): Promise<boolean> {
  if (await isPlainFile(path.join(bundlesRoot, tombstoneDirName, previewId))) return true;
  const bundleDir = path.join(bundlesRoot, previewId);
  const dirStats = await lstat(bundleDir).catch(() => undefined);
  if (!dirStats?.isDirectory()) return false;
  const metaPath = path.join(bundleDir, previewMetaFileName);
  const metaStats = await lstat(metaPath).catch(() => undefined);
  if (!metaStats) return false;
  if (!metaStats.isFile() || metaStats.size > maxMetaBytes) return true;
  try {
    const meta = previewMetaSchema.parse(JSON.parse(await readFile(metaPath, 'utf8')));
    return new Date(meta.expiresAt).getTime() <= now.getTime();
  } catch {
    return true;
  }
}

async function isPlainFile(filePath: string): Promise<boolean> {
  const stats = await lstat(filePath).catch(() => undefined);
  return stats?.isFile() ?? false;
}
