import type { Kysely } from 'kysely';
import type { Database } from '../../shared/db/schema.ts';
import {
  deletePreview as deleteOnePreview,
  sweepPreviews,
  type PreviewStorage,
  type StorageLimits,
} from '../../shared/previews/index.ts';
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

/** `ops preview delete`: the preview offline for good (see deletePreview), or an error naming a missing one. */
export async function deletePreview(db: Kysely<Database>, storage: PreviewStorage, previewId: string) {
  const deleted = await deleteOnePreview(db, storage, previewId);
  if (!deleted) throw new OpsError(`no preview ${previewId}`);
  return { ...deleted, storage: storage.kind };
}
