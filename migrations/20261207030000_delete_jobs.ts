import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports application types.

/**
 * A user may delete a site (the 🗑 Delete button, confirmed): the worker does it as a job of kind
 * `delete`, so the kinds a job may have grow by one. Its row names the site (`preview_id`) and
 * publishes no version (`version` stays null).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table jobs drop constraint jobs_kind_check`.execute(db);
  await sql`alter table jobs add constraint jobs_kind_check check (kind in ('create', 'revise', 'restore', 'delete'))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from jobs where kind = 'delete'`.execute(db);
  await sql`alter table jobs drop constraint jobs_kind_check`.execute(db);
  await sql`alter table jobs add constraint jobs_kind_check check (kind in ('create', 'revise', 'restore'))`.execute(
    db,
  );
}
