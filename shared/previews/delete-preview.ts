import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { PreviewStorage } from './storage.ts';

/** What deletePreview did: the site's row as marked, and whether it still had files to remove. */
export interface DeletedPreview {
  previewId: string;
  jobId: string;
  title: string;
  deletedAt: Date | null;
  filesRemoved: boolean;
}

/**
 * Takes one preview offline for good (`ops preview delete`, and a user's confirmed 🗑 Delete, run
 * by the worker). The row is marked first, so if removing the files fails (or this is not the
 * storage the worker writes to) the worker's sweep finishes the job; then the tombstone (the
 * preview service answers 410) and the files, the sweep's own way. Deleting a deleted preview
 * again is harmless, so a redelivered job may repeat it. Undefined when no such preview exists.
 */
export async function deletePreview(
  db: Kysely<Database>,
  storage: PreviewStorage,
  previewId: string,
): Promise<DeletedPreview | undefined> {
  const now = new Date();
  const row = await db
    .updateTable('previews')
    .set((eb) => ({ deleted_at: eb.fn.coalesce('deleted_at', eb.val(now)) }))
    .where('id', '=', previewId)
    .returning(['id as previewId', 'job_id as jobId', 'title', 'deleted_at as deletedAt'])
    .executeTakeFirst();
  if (!row) return undefined;
  const hadFiles = (await storage.readPreview(previewId)).versions.length > 0;
  await storage.removePreview(previewId);
  return { ...row, filesRemoved: hadFiles };
}
