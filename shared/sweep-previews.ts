import { lstat, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { previewIdPattern } from './bundle.ts';
import type { Database } from './db/schema.ts';
import { previewMetaFileName, previewMetaSchema, tombstoneDirName } from './preview-lifecycle.ts';
import { upgradeLegacyLayout } from './upgrade-legacy-layout.ts';

export interface SweepOptions {
  db: Kysely<Database>;
  /** PREVIEWS_DIR (the worker has it read-write). */
  previewsDir: string;
  /** What counts as "now" for expiry; tests move it. */
  now: Date;
}

/** A staging folder (`.tmp-<id>`) older than this was left by a crashed write and is removed. */
const staleStagingMs = 60 * 60 * 1000;
/** Ids per `in (…)` query, well below PostgreSQL's parameter limit. */
const idsPerQuery = 500;

/**
 * Removes the files of every preview that expired or was deleted, leaves a tombstone so the preview
 * service answers 410 (not 404) for it from then on, and marks its `previews` row deleted.
 * A preview is swept when its row says so (`expires_at` passed or `deleted_at` set), or when its
 * bundle's own `.meta.json` says it expired (this also catches a bundle whose row was never
 * written). Safe to run from several workers at once and to repeat: each step is idempotent, and
 * the order — tombstone, files, row — means a crash halfway is finished by the next run.
 * Last, previews still in the layout from before versions are moved to it (upgrade-legacy-layout.ts).
 * Returns the ids swept.
 */
export async function sweepPreviews({ db, previewsDir, now }: SweepOptions): Promise<string[]> {
  const root = path.resolve(previewsDir);
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

  const entries = await readdir(root, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const onDisk = entries
    .filter((entry) => entry.isDirectory() && previewIdPattern.test(entry.name))
    .map((entry) => entry.name);
  for (let i = 0; i < onDisk.length; i += idsPerQuery) {
    const rows = await db
      .selectFrom('previews')
      .select(['id', 'expires_at', 'deleted_at'])
      .where('id', 'in', onDisk.slice(i, i + idsPerQuery))
      .execute();
    for (const row of rows) if (row.deleted_at !== null || row.expires_at <= now) due.add(row.id);
  }
  for (const id of onDisk) if (!due.has(id) && (await expiredByMeta(root, id, now))) due.add(id);

  for (const id of due) await removePreviewFiles(root, id);
  for (const ids of chunks([...due], idsPerQuery)) {
    await db
      .updateTable('previews')
      .set({ deleted_at: now })
      .where('id', 'in', ids)
      .where('deleted_at', 'is', null)
      .execute();
  }
  await removeStaleStaging(root, entries, now);
  for (const id of onDisk) if (!due.has(id)) await upgradeLegacyLayout(root, id);
  return [...due];
}

/**
 * Takes one preview offline for good: tombstone first (from then on the preview answers 410), then
 * the preview folder with every version. Does not touch the database; sweepPreviews marks the row.
 */
export async function removePreviewFiles(previewsDir: string, previewId: string): Promise<void> {
  if (!previewIdPattern.test(previewId)) throw new Error(`not a preview id: ${previewId}`);
  const root = path.resolve(previewsDir);
  await mkdir(path.join(root, tombstoneDirName), { recursive: true });
  await writeFile(path.join(root, tombstoneDirName, previewId), '');
  await rm(path.join(root, previewId), { recursive: true, force: true });
}

async function expiredByMeta(root: string, previewId: string, now: Date): Promise<boolean> {
  try {
    const meta = previewMetaSchema.parse(
      JSON.parse(await readFile(path.join(root, previewId, previewMetaFileName), 'utf8')),
    );
    return new Date(meta.expiresAt).getTime() <= now.getTime();
  } catch {
    // No record (an older bundle: its row decides) or an unreadable one (the preview already answers 410 for it; the row decides).
    return false;
  }
}

async function removeStaleStaging(root: string, entries: { name: string }[], now: Date): Promise<void> {
  for (const { name } of entries) {
    if (!name.startsWith('.tmp-')) continue;
    const stats = await lstat(path.join(root, name)).catch(() => undefined);
    if (stats && now.getTime() - stats.mtime.getTime() > staleStagingMs)
      await rm(path.join(root, name), { recursive: true, force: true });
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}
