import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { isPreviewOver, type PreviewStorage } from './storage.ts';

export interface SweepOptions {
  db: Kysely<Database>;
  /** Where the previews are (the worker's storage, read-write). */
  storage: PreviewStorage;
  /** What counts as "now" for expiry; tests move it. */
  now: Date;
}

/** Ids per `in (…)` query, well below PostgreSQL's parameter limit. */
const idsPerQuery = 500;

/**
 * Removes every version of every preview that expired or was deleted, leaving a tombstone so the
 * preview service answers 410 (not 404) for it from then on, and marks its `previews` row deleted.
 * A preview is swept when its row says so (`expires_at` passed or `deleted_at` set), or, when it
 * has no row (its job lost its lease after publishing), when the storage's own record says it expired.
 * Safe to run from several workers at once and to repeat: each step is idempotent, and the order —
 * tombstone, files, row — means a crash halfway is finished by the next run. Last, what crashed
 * writes left behind is cleared (PreviewStorage.removeLeftovers). Returns the ids swept.
 */
export async function sweepPreviews({ db, storage, now }: SweepOptions): Promise<string[]> {
  const due = new Set(
    (
      await db
        .selectFrom('previews')
        .select('id')
        .where('deleted_at', 'is', null)
        .where('expires_at', '<=', now)
        .execute()
    ).map((row) => row.id),
  );

  for await (const page of storage.previewIds()) {
    const withRows = new Set<string>();
    for (let i = 0; i < page.length; i += idsPerQuery) {
      const rows = await db
        .selectFrom('previews')
        .select(['id', 'expires_at', 'deleted_at'])
        .where('id', 'in', page.slice(i, i + idsPerQuery))
        .execute();
      for (const row of rows) {
        withRows.add(row.id);
        if (row.deleted_at !== null || row.expires_at <= now) due.add(row.id);
      }
    }
    // A preview without a row (its job lost its lease after publishing) has only its stored expiry;
    // the others' rows say it already, so storage is asked only about these.
    for (const id of page) if (!withRows.has(id) && isPreviewOver(await storage.readPreview(id), now)) due.add(id);
  }

  for (const id of due) await storage.removePreview(id);
  for (let i = 0; i < due.size; i += idsPerQuery) {
    await db
      .updateTable('previews')
      .set({ deleted_at: now })
      .where('id', 'in', [...due].slice(i, i + idsPerQuery))
      .where('deleted_at', 'is', null)
      .execute();
  }
  await storage.removeLeftovers(now);
  return [...due];
}
