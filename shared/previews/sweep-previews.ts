import type { Kysely } from 'kysely';
import type { Config } from '../config/index.ts';
import type { Database } from '../db/schema.ts';
import { pruneVersions, removeVersions } from './prune-versions.ts';
import { versionsOverStorageCap } from './storage-use.ts';
import { isPreviewOver, type PreviewStorage } from './storage.ts';

export interface SweepOptions {
  db: Kysely<Database>;
  /** Where the previews are (the worker's storage, read-write). */
  storage: PreviewStorage;
  /** What counts as "now" for expiry; tests move it. */
  now: Date;
  /** The storage limits to hold every site and user to; unset, only expiry is swept (the ops tests). */
  limits?: StorageLimits;
}

export interface StorageLimits {
  /** PREVIEW_MAX_VERSIONS: versions a site keeps. */
  maxVersions: number;
  /** QUOTA_STORAGE_MB in bytes: what one user's sites may hold; 0 = no limit. */
  storageBytesPerUser: number;
}

/** The limits the sweep holds data to, as configured. */
export function storageLimitsOf(config: Pick<Config, 'preview' | 'quotas'>): StorageLimits {
  return { maxVersions: config.preview.maxVersions, storageBytesPerUser: config.quotas.storageBytes };
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
export async function sweepPreviews({ db, storage, now, limits }: SweepOptions): Promise<string[]> {
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
  if (limits) await enforceStorageLimits(db, storage, now, limits);
  await storage.removeLeftovers(now);
  return [...due];
}

/** Previews measured per sweep: the backfill of sizes after an upgrade spreads over a few sweeps. */
const measuredPerSweep = 1000;

/**
 * Holds data written before the limits existed (or while a prune failed) to them, in three steps:
 * measures versions published before sizes were recorded, prunes every site down to its newest
 * `maxVersions` (never the live version), then prunes each user over the storage cap down to it,
 * oldest versions first (never a live version: a user whose live versions alone are over keeps
 * them, and the worker refuses new work until there is room). QUOTA_RESTORES_PER_HOUR needs
 * nothing here: it is checked when a restore is asked for, and what restores published before it
 * existed is pruned by the first two steps.
 */
async function enforceStorageLimits(db: Kysely<Database>, storage: PreviewStorage, now: Date, limits: StorageLimits) {
  const unmeasured = await db
    .selectFrom('preview_versions')
    .select('preview_id')
    .distinct()
    .where('bytes', 'is', null)
    .limit(measuredPerSweep)
    .execute();
  for (const { preview_id: previewId } of unmeasured) {
    const sizes = new Map((await storage.listVersions(previewId)).map((v) => [v.version, v.bytes]));
    const rows = await db
      .selectFrom('preview_versions')
      .select('version')
      .where('preview_id', '=', previewId)
      .where('bytes', 'is', null)
      .execute();
    // A row whose files are gone holds nothing.
    for (const { version } of rows) {
      await db
        .updateTable('preview_versions')
        .set({ bytes: sizes.get(version) ?? 0 })
        .where('preview_id', '=', previewId)
        .where('version', '=', version)
        .execute();
    }
  }

  const crowded = await db
    .selectFrom('preview_versions')
    .innerJoin('previews', 'previews.id', 'preview_versions.preview_id')
    .select('preview_versions.preview_id')
    .where('previews.deleted_at', 'is', null)
    .groupBy('preview_versions.preview_id')
    .having((eb) => eb.fn.countAll(), '>', limits.maxVersions)
    .execute();
  for (const { preview_id: previewId } of crowded)
    await pruneVersions({ db, storage, previewId, maxVersions: limits.maxVersions });

  if (limits.storageBytesPerUser === 0) return;
  const overCap = new Map<string, number[]>();
  for (const { previewId, version } of await versionsOverStorageCap(db, limits.storageBytesPerUser, now))
    overCap.set(previewId, [...(overCap.get(previewId) ?? []), version]);
  for (const [previewId, versions] of overCap) await removeVersions(db, storage, previewId, versions);
}
