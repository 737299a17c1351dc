import { lstat, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { newPreviewId } from '../preview-id.ts';
import { hasCode, previewMetaFileName, readExpiry, type PreviewMeta } from './fs-layout.ts';

/** Held (as a folder: mkdir is atomic) while one publish reads and replaces `.meta.json`. */
const lockName = '.meta.lock';
/** A lock this old was left by a worker that died holding it: the work under it takes milliseconds. */
const staleLockMs = 30_000;
/** Between two tries for a lock another publish holds. */
const lockRetryMs = 5;

/**
 * Moves a preview's expiry (`<previewDir>/.meta.json`) to `expiresAt` unless it is already that
 * late or later: a new version keeps the site online for the full TTL, and no publish ever shortens
 * it. Read and replace happen under a lock, so two publishes at once cannot put the earlier expiry
 * back over the later one; the record is replaced whole (temp file + rename), so the preview never
 * reads half of one.
 */
export async function extendExpiry(previewDir: string, expiresAt: Date): Promise<void> {
  await withMetaLock(previewDir, async () => {
    const current = await readExpiry(previewDir);
    if (current !== undefined && current.getTime() >= expiresAt.getTime()) return;
    const meta: PreviewMeta = { expiresAt: expiresAt.toISOString() };
    // A dotfile: never served, and removed with the preview if a crash leaves it behind.
    const temp = path.join(previewDir, `${previewMetaFileName}.${newPreviewId()}.tmp`);
    try {
      await writeFile(temp, JSON.stringify(meta), { flag: 'wx' });
      await rename(temp, path.join(previewDir, previewMetaFileName));
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  });
}

/**
 * Runs `work` while holding the preview's meta lock. A lock older than `staleLockMs` is taken over;
 * only a crash while holding one leaves it that old.
 */
async function withMetaLock(previewDir: string, work: () => Promise<void>): Promise<void> {
  const lock = path.join(previewDir, lockName);
  while (!(await createLock(lock))) {
    const stats = await lstat(lock).catch(() => undefined);
    if (stats && Date.now() - stats.mtimeMs > staleLockMs) await rm(lock, { recursive: true, force: true });
    else await sleep(lockRetryMs);
  }
  try {
    await work();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** True when this call created the lock, false when someone holds it; throws when the preview folder is gone. */
async function createLock(lock: string): Promise<boolean> {
  try {
    await mkdir(lock);
    return true;
  } catch (error) {
    if (hasCode(error, 'EEXIST')) return false;
    throw error;
  }
}
