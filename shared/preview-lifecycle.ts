import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * How a preview's end of life is recorded on the previews volume, so the preview service (which has
 * the volume read-only and no database) can answer 410 on its own. Both names start with a dot,
 * and the preview never serves dotfiles. (The versions beside it: shared/preview-versions.ts.)
 *
 *   PREVIEWS_DIR/<previewId>/.meta.json   written by the worker with the first version, moved later
 *                                         by each new one (never earlier): { "expiresAt": ISO time }
 *   PREVIEWS_DIR/.gone/<previewId>        an empty file, left by the sweep when it deleted the preview
 */

export const previewMetaFileName = '.meta.json';
export const tombstoneDirName = '.gone';

export const previewMetaSchema = z.object({
  /** From then on the preview answers 410, whether or not the sweep removed the files yet. */
  expiresAt: z.iso.datetime(),
});

export type PreviewMeta = z.infer<typeof previewMetaSchema>;

/** The end-of-life record is tiny; a bigger file is not one the worker wrote. */
const maxMetaBytes = 4096;

/**
 * Whether a preview is over: the sweep left a tombstone for it (deleted or expired, files gone), or
 * its `.meta.json` says it expired — so it is gone the moment it expires, before any sweep. A
 * preview without `.meta.json` (published before expiry was recorded there) is live until the
 * sweep removes it. A record that is not a plain, valid file fails closed: gone.
 */
export async function isPreviewGone(previewsDir: string, previewId: string, now: Date): Promise<boolean> {
  if (await isPlainFile(path.join(previewsDir, tombstoneDirName, previewId))) return true;
  const previewDir = path.join(previewsDir, previewId);
  const dirStats = await lstat(previewDir).catch(() => undefined);
  if (!dirStats?.isDirectory()) return false;
  const expiresAt = await readExpiry(previewDir);
  return expiresAt !== undefined && expiresAt.getTime() <= now.getTime();
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

async function isPlainFile(filePath: string): Promise<boolean> {
  const stats = await lstat(filePath).catch(() => undefined);
  return stats?.isFile() ?? false;
}
