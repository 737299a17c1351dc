import type { Kysely } from 'kysely';

// Frozen in time: a migration never imports application types.

/**
 * The renderer's quality check of each version, on the version's own row: when it ran, what axe-core
 * found at phone width (a JSON array of { rule, impact, elements, help }) and how far the page
 * scrolls sideways there, in CSS pixels. Null until a renderer checked the version.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('preview_versions')
    .addColumn('quality_checked_at', 'timestamptz')
    .addColumn('quality_findings', 'jsonb')
    .addColumn('quality_sideways_px', 'integer')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('preview_versions')
    .dropColumn('quality_checked_at')
    .dropColumn('quality_findings')
    .dropColumn('quality_sideways_px')
    .execute();
}
