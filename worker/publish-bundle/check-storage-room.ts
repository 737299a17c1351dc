import type { Kysely } from 'kysely';
import type { Database, Job } from '../../shared/db/schema.ts';
import { StorageFullError } from '../../shared/errors.ts';
import { ownerOfSite, storageUsedBy } from '../../shared/previews/index.ts';

/**
 * Throws StorageFullError when publishing `bytes` more would take the site's owner (the user who
 * made it; for a new site, the job's user) past `capBytes` (QUOTA_STORAGE_MB; 0 = no limit), or
 * when the owner has no room left at all — so a job can be refused before the provider is asked
 * (`bytes` 0) and again, exactly, before anything is written. The new version counts before any
 * older one is pruned for it.
 */
export async function checkStorageRoom(
  db: Kysely<Database>,
  job: Pick<Job, 'user_id' | 'preview_id'>,
  bytes: number,
  capBytes: number,
): Promise<void> {
  if (capBytes === 0) return;
  const owner = job.preview_id === null ? (job.user_id ?? undefined) : await ownerOfSite(db, job.preview_id);
  if (owner === undefined) return;
  const used = await storageUsedBy(db, owner, new Date());
  if (used >= capBytes || used + bytes > capBytes)
    throw new StorageFullError(
      `user ${owner}'s sites hold ${used} bytes; ${bytes} more would pass QUOTA_STORAGE_MB (${capBytes} bytes)`,
    );
}
