import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { PreviewStorage } from './storage.ts';

/**
 * Removes versions of a preview: their files through the storage port first (each atomically for
 * readers), then their rows. A crash between the two leaves rows whose files are gone, which the
 * next prune or sweep removes; never files no row names.
 */
export async function removeVersions(
  db: Kysely<Database>,
  storage: PreviewStorage,
  previewId: string,
  versions: readonly number[],
): Promise<void> {
  if (versions.length === 0) return;
  for (const version of versions) await storage.deleteVersion(previewId, version);
  await db
    .deleteFrom('preview_versions')
    .where('preview_id', '=', previewId)
    .where('version', 'in', versions)
    .execute();
}

export interface PruneOptions {
  db: Kysely<Database>;
  storage: PreviewStorage;
  previewId: string;
  /** PREVIEW_MAX_VERSIONS: how many versions the preview keeps. */
  maxVersions: number;
}

/**
 * Keeps the newest `maxVersions` versions of a preview and removes the older ones — never the live
 * one (the `previews` row's latest version), even when newer ones are still being published.
 * Looks at both the stored versions and the rows, so neither keeps anything the other lost.
 * Returns the versions removed, oldest first.
 */
export async function pruneVersions({ db, storage, previewId, maxVersions }: PruneOptions): Promise<number[]> {
  const [stored, rows, site] = await Promise.all([
    storage.listVersions(previewId),
    db.selectFrom('preview_versions').select('version').where('preview_id', '=', previewId).execute(),
    db.selectFrom('previews').select('latest_version').where('id', '=', previewId).executeTakeFirst(),
  ]);
  const all = [...new Set([...stored.map((v) => v.version), ...rows.map((r) => r.version)])].sort((a, b) => a - b);
  const kept = new Set(all.slice(-maxVersions));
  const removed = all.filter((version) => !kept.has(version) && version !== site?.latest_version);
  await removeVersions(db, storage, previewId, removed);
  return removed;
}
