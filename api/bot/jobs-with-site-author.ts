import { sql, type Kysely } from 'kysely';
import type { Database } from '../../shared/db/schema.ts';

/**
 * Jobs with their site (`previews`) and the site's first job (`site_job`), whose user is the
 * site's author: what mayChangeSite is asked about a result message or a button.
 */
export function jobsWithSiteAuthor(db: Kysely<Database>) {
  return db
    .selectFrom('jobs')
    .leftJoin('previews', 'previews.id', 'jobs.preview_id')
    .leftJoin('jobs as site_job', 'site_job.id', 'previews.job_id');
}

/** Who made the site (its first job), or, for a job that made none yet, who asked for it. */
export const siteAuthorId = sql<number | null>`coalesce(site_job.user_id, jobs.user_id)`;
