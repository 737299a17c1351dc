import { sql, type Transaction } from 'kysely';
import type { Config } from '../../shared/config/index.ts';
import type { Database, JobKind } from '../../shared/db/schema.ts';
import type { Words } from '../../shared/telegram/words/index.ts';

type Quotas = Config['quotas'];
const HOUR_MS = 60 * 60 * 1000;

/** A refusal in the user's words, or undefined when the request may go ahead. */
export type QuotaCheck = ((words: Words) => string) | undefined;

/**
 * Whether `userId` may start one more job of `kind` now: at most QUOTA_RUNNING_JOBS unfinished
 * jobs, QUOTA_JOBS_PER_HOUR in any 60 minutes and QUOTA_JOBS_PER_DAY in any 24 hours (restores are
 * free of the last two). The refusal says when to try again. Admins have no limits. Locks the
 * user's row for the rest of the transaction, so two messages arriving together cannot both pass.
 */
export async function checkQuota(
  trx: Transaction<Database>,
  userId: number,
  kind: JobKind,
  quotas: Quotas,
): Promise<QuotaCheck> {
  const unlimited = quotas.runningJobs === 0 && quotas.jobsPerHour === 0 && quotas.jobsPerDay === 0;
  if (unlimited || quotas.adminUserIds.includes(userId)) return undefined;
  await trx
    .insertInto('users')
    .values({ user_id: userId })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ updated_at: sql<Date>`now()` }))
    .execute();
  if (quotas.runningJobs > 0) {
    const running = await trx
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirstOrThrow();
    if (Number(running.n) >= quotas.runningJobs) return (words) => words.quota.running(quotas.runningJobs);
  }
  if (kind === 'restore') return undefined;
  for (const window of [
    { limit: quotas.jobsPerHour, hours: 1, say: 'hour' },
    { limit: quotas.jobsPerDay, hours: 24, say: 'day' },
  ] as const) {
    if (window.limit === 0) continue;
    const recent = await recentJobTimes(trx, userId, window.hours, window.limit);
    if (recent.length < window.limit) continue;
    // The window frees a slot when the oldest of the last `limit` jobs leaves it.
    const freeAt = recent[window.limit - 1]!.getTime() + window.hours * HOUR_MS;
    const minutes = Math.max(1, Math.ceil((freeAt - Date.now()) / 60_000));
    return (words) => words.quota[window.say](window.limit, minutes);
  }
  return undefined;
}

/** What is left of the hourly and daily quotas (null: no such limit), or undefined for an admin. */
export async function quotaLeft(
  trx: Transaction<Database>,
  userId: number,
  quotas: Quotas,
): Promise<{ hour: number | null; day: number | null } | undefined> {
  if (quotas.adminUserIds.includes(userId)) return undefined;
  const left = async (limit: number, hours: number) =>
    limit === 0 ? null : Math.max(0, limit - (await recentJobTimes(trx, userId, hours, limit)).length);
  return { hour: await left(quotas.jobsPerHour, 1), day: await left(quotas.jobsPerDay, 24) };
}

/** Creation times of the user's last `limit` quota-counted jobs within `hours`, newest first. */
async function recentJobTimes(
  trx: Transaction<Database>,
  userId: number,
  hours: number,
  limit: number,
): Promise<Date[]> {
  const rows = await trx
    .selectFrom('jobs')
    .select('created_at')
    .where('user_id', '=', userId)
    .where('kind', '!=', 'restore')
    .where('created_at', '>', sql<Date>`now() - make_interval(hours => ${hours})`)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => row.created_at);
}
