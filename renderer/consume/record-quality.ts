import { sql, type Kysely } from 'kysely';
import type { Database } from '../../shared/db/schema.ts';
import type { QualityReport } from '../render-site/check-quality.ts';

/** Stores a version's quality check on its row (a check run again replaces the earlier one). */
export async function recordQuality(
  db: Kysely<Database>,
  previewId: string,
  version: number,
  report: QualityReport,
): Promise<void> {
  await db
    .updateTable('preview_versions')
    .set({
      quality_checked_at: sql<Date>`now()`,
      quality_findings: JSON.stringify(report.findings),
      quality_sideways_px: report.sidewaysPx,
    })
    .where('preview_id', '=', previewId)
    .where('version', '=', version)
    .execute();
}
