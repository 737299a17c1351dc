import { sql, type Kysely } from 'kysely';
import type { Database } from '../../shared/db/schema.ts';

/**
 * Telegram keeps an update it could not deliver for at most 24 hours, so no redelivery can come
 * later than that; after twice that, an update's row is no longer needed for dedup.
 */
export const DEDUP_WINDOW_HOURS = 48;

/**
 * Payloads go when an update is processed; this removes the rows themselves once they are past the
 * dedup window — except those a job was made from (the job names its update), which stay as long as
 * the job. At most `limit` rows a call; returns how many.
 */
export async function pruneInbox(db: Kysely<Database>, limit = 10_000): Promise<number> {
  const result = await sql`
    delete from updates where update_id in (
      select update_id from updates
      where received_at < now() - make_interval(hours => ${DEDUP_WINDOW_HOURS})
        and processed_at is not null
        and not exists (select 1 from jobs where jobs.update_id = updates.update_id)
      limit ${limit})`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}
