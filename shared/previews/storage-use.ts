import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * What counts against a user's storage (QUOTA_STORAGE_MB): every recorded version of every site
 * still online that the user made (the author of the site's first job), at its recorded size.
 * Versions not yet measured (published before sizes were recorded) count as nothing until the
 * sweep measures them.
 */
function versionsOfOnlineSites(db: Kysely<Database>, now: Date) {
  return db
    .selectFrom('preview_versions')
    .innerJoin('previews', 'previews.id', 'preview_versions.preview_id')
    .innerJoin('jobs', 'jobs.id', 'previews.job_id')
    .where('previews.deleted_at', 'is', null)
    .where('previews.expires_at', '>', now)
    .where('jobs.user_id', 'is not', null);
}

/** The bytes `userId`'s sites hold now. */
export async function storageUsedBy(db: Kysely<Database>, userId: number, now: Date): Promise<number> {
  const row = await versionsOfOnlineSites(db, now)
    .select(sql<string | null>`sum(preview_versions.bytes)`.as('bytes'))
    .where('jobs.user_id', '=', userId)
    .executeTakeFirst();
  return Number(row?.bytes ?? 0);
}

/** The user who made `previewId` (whose storage it takes), or undefined when no user is recorded. */
export async function ownerOfSite(db: Kysely<Database>, previewId: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('previews')
    .innerJoin('jobs', 'jobs.id', 'previews.job_id')
    .select('jobs.user_id')
    .where('previews.id', '=', previewId)
    .executeTakeFirst();
  return row?.user_id ?? undefined;
}

/** A version that may go to bring its owner back under the cap: never the one a site shows. */
export interface PrunableVersion {
  previewId: string;
  version: number;
  bytes: number;
}

/**
 * For each user whose sites hold more than `capBytes`: their oldest versions that are not live,
 * oldest first, just enough of them to bring the user back to `capBytes` or below (or all of
 * them, when the live versions alone are over: those stay, and new work is refused).
 */
export async function versionsOverStorageCap(
  db: Kysely<Database>,
  capBytes: number,
  now: Date,
): Promise<PrunableVersion[]> {
  const over = await versionsOfOnlineSites(db, now)
    .select(['jobs.user_id', sql<string>`sum(preview_versions.bytes)`.as('bytes')])
    .groupBy('jobs.user_id')
    .having(sql<number>`sum(preview_versions.bytes)`, '>', capBytes)
    .execute();
  const prunable: PrunableVersion[] = [];
  for (const user of over) {
    const candidates = await versionsOfOnlineSites(db, now)
      .select(['preview_versions.preview_id', 'preview_versions.version', 'preview_versions.bytes'])
      .where('jobs.user_id', '=', user.user_id)
      .whereRef('preview_versions.version', '<>', 'previews.latest_version')
      .where('preview_versions.bytes', '>', 0)
      .orderBy('preview_versions.created_at')
      .orderBy('preview_versions.version')
      .execute();
    let excess = Number(user.bytes) - capBytes;
    for (const candidate of candidates) {
      if (excess <= 0) break;
      prunable.push({ previewId: candidate.preview_id, version: candidate.version, bytes: candidate.bytes! });
      excess -= candidate.bytes!;
    }
  }
  return prunable;
}
