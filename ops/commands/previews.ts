import { lstat } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../shared/db/schema.ts';
import { removePreviewFiles, sweepPreviews } from '../../shared/sweep-previews.ts';
import { OpsError } from '../ops-errors.ts';

/**
 * The worker's own sweep, run now rather than at its next turn: every preview that expired or was
 * deleted loses its files, gets a tombstone (the preview service answers 410) and its row is marked.
 * Needs PREVIEWS_DIR, the worker's volume.
 */
export async function purgeExpiredPreviews(db: Kysely<Database>, previewsDir: string) {
  const previewIds = await sweepPreviews({ db, previewsDir, now: new Date() });
  return { purged: previewIds.length, previewIds };
}

/**
 * Takes one preview offline for good. The row is marked first, so if removing the files fails
 * (or PREVIEWS_DIR is not this machine's volume) the worker's sweep finishes the job; then the
 * tombstone and the files, the sweep's own way. Deleting a deleted preview again is harmless.
 */
export async function deletePreview(db: Kysely<Database>, previewsDir: string, previewId: string) {
  const now = new Date();
  const row = await db
    .updateTable('previews')
    .set((eb) => ({ deleted_at: eb.fn.coalesce('deleted_at', eb.val(now)) }))
    .where('id', '=', previewId)
    .returning(['id as previewId', 'job_id as jobId', 'title', 'deleted_at as deletedAt'])
    .executeTakeFirst();
  if (!row) throw new OpsError(`no preview ${previewId}`);
  const bundleDir = path.join(path.resolve(previewsDir), previewId);
  const hadFiles = (await lstat(bundleDir).catch(() => undefined)) !== undefined;
  await removePreviewFiles(previewsDir, previewId);
  return { ...row, filesRemoved: hadFiles, previewsDir: path.resolve(previewsDir) };
}
