import type { Kysely } from 'kysely';
import type { Bundle } from '../../shared/bundle.ts';
import type { Database } from '../../shared/db/schema.ts';
import { readVersion, VersionGoneError, type PreviewStorage } from '../../shared/previews/index.ts';

/**
 * A published version as a bundle again — its files from the preview storage, its title and
 * summary from the database — for a revision (the provider sees it) or a restore (published again as is).
 */
export async function loadVersion(
  db: Kysely<Database>,
  storage: PreviewStorage,
  previewId: string | null,
  version: number | null,
): Promise<Bundle> {
  if (previewId === null || version === null) throw new VersionGoneError('the job names no site version');
  const row = await db
    .selectFrom('preview_versions')
    .innerJoin('previews', 'previews.id', 'preview_versions.preview_id')
    .select(['preview_versions.title', 'preview_versions.summary'])
    .where('preview_versions.preview_id', '=', previewId)
    .where('preview_versions.version', '=', version)
    .where('previews.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw new VersionGoneError(`preview ${previewId} has no version ${version}`);
  return { title: row.title, summary: row.summary, files: await readVersion(storage, previewId, version) };
}
