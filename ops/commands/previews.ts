import type { Kysely } from 'kysely';
import type { Database } from '../../shared/db/schema.ts';
import { sweepPreviews, type PreviewStorage, type StorageLimits } from '../../shared/previews/index.ts';
import { OpsError } from '../ops-errors.ts';

/**
 * The worker's own sweep, run now rather than at its next turn: every preview that expired or was
 * deleted loses its files, gets a tombstone (the preview service answers 410) and its row is marked;
 * with `limits`, every site is pruned to PREVIEW_MAX_VERSIONS and every user to QUOTA_STORAGE_MB.
 * Needs the worker's preview storage (the previews volume, or the bucket).
 */
export async function purgeExpiredPreviews(db: Kysely<Database>, storage: PreviewStorage, limits?: StorageLimits) {
  const previewIds = await sweepPreviews({ db, storage, now: new Date(), limits });
  return { purged: previewIds.length, previewIds };
}

/**
 * Takes one preview offline for good. The row is marked first, so if removing the files fails
 * (or this is not the storage the worker writes to) the worker's sweep finishes the job; then the
 * tombstone and the files, the sweep's own way. Deleting a deleted preview again is harmless.
 */
export async function deletePreview(db: Kysely<Database>, storage: PreviewStorage, previewId: string) {
  const now = new Date();
  const row = await db
    .updateTable('previews')
    .set((eb) => ({ deleted_at: eb.fn.coalesce('deleted_at', eb.val(now)) }))
    .where('id', '=', previewId)
    .returning(['id as previewId', 'job_id as jobId', 'title', 'deleted_at as deletedAt'])
    .executeTakeFirst();
  if (!row) throw new OpsError(`no preview ${previewId}`);
  const hadFiles = (await storage.readPreview(previewId)).versions.length > 0;
  await storage.removePreview(previewId);
  return { ...row, filesRemoved: hadFiles, storage: storage.kind };
}
