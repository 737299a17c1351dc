import { sql, type Transaction } from 'kysely';
import type { Config } from '../../shared/config/index.ts';
import { anyOf } from '../../shared/db/any-of.ts';
import type { Database, JobKind } from '../../shared/db/schema.ts';
import { UNFINISHED_STATUSES } from '../../shared/jobs/index.ts';
import type { Words } from '../../shared/telegram/words/index.ts';

type Quotas = Config['quotas'];
const HOUR_MS = 60 * 60 * 1000;

/** A refusal in the user's words, or undefined when the request may go ahead. */
export type QuotaCheck = ((words: Words) => string) | undefined;

/**
 * One user's standing against the quotas: unfinished jobs, the times of jobs counted by the hourly
 * and daily quotas, and of restores and regenerations in the last hour (newest first).
 */
interface Standing {
  running: number;
  recent: number[];
  restores: number[];
}

/** What a request is, for the quotas: its kind, and whether it asks an earlier request again. */
export interface QuotaRequest {
  kind: JobKind;
  regenerate?: boolean;
}

/**
 * The quotas of every sender in a batch of updates, read in two statements, then kept up to date in
 * memory as the batch's updates ask for jobs — so two requests of one user in the same batch are
 * counted like two requests one after the other.
 */
export interface QuotaBook {
  /**
   * Whether `userId` may start one more job like `request` now: at most QUOTA_RUNNING_JOBS
   * unfinished jobs, QUOTA_JOBS_PER_HOUR in any 60 minutes and QUOTA_JOBS_PER_DAY in any 24 hours
   * (restores are free of these two), and QUOTA_RESTORES_PER_HOUR restores and regenerations in any
   * 60 minutes (each restore publishes a version, and costs storage if not tokens). Deleting a site
   * counts against none of them. The refusal says when to try again. Admins have no limits.
   */
  check(userId: number, request: QuotaRequest): QuotaCheck;
  /** Counts a job `userId` was just given. */
  note(userId: number, request: QuotaRequest): void;
}

/** True when some quota applies to someone: otherwise quotas cost nothing. */
export function quotasApply(quotas: Quotas): boolean {
  return quotas.runningJobs > 0 || quotas.jobsPerHour > 0 || quotas.jobsPerDay > 0 || quotas.restoresPerHour > 0;
}

/**
 * Reads the standing of `userIds` (non-admins; the caller holds their users rows locked for the
 * transaction, so two api processes cannot both let the same user past a limit).
 */
export async function loadQuotaBook(
  trx: Transaction<Database>,
  userIds: readonly number[],
  quotas: Quotas,
): Promise<QuotaBook> {
  const counted = userIds.filter((id) => !quotas.adminUserIds.includes(id));
  const standings = new Map<number, Standing>(counted.map((id) => [id, { running: 0, recent: [], restores: [] }]));
  const windowLimit = Math.max(quotas.jobsPerHour, quotas.jobsPerDay);
  if (quotasApply(quotas) && counted.length > 0) {
    const running = await trx
      .selectFrom('jobs')
      .select(['user_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('user_id', '=', anyOf(counted))
      .where('status', 'in', UNFINISHED_STATUSES)
      .where('kind', '!=', 'delete')
      .groupBy('user_id')
      .execute();
    for (const row of running) standings.get(row.user_id!)!.running = Number(row.n);
    if (windowLimit > 0) {
      const recent = await sql<{ user_id: number; created_at: Date }>`
        select user_id, created_at from (
          select user_id, created_at, row_number() over (partition by user_id order by created_at desc) as nth
          from jobs
          where user_id = any(${counted}::bigint[]) and kind in ('create', 'revise') and created_at > now() - interval '24 hours'
        ) newest
        where nth <= ${windowLimit}
        order by user_id, created_at desc`.execute(trx);
      for (const row of recent.rows) standings.get(Number(row.user_id))!.recent.push(row.created_at.getTime());
    }
    if (quotas.restoresPerHour > 0) {
      const restores = await sql<{ user_id: number; created_at: Date }>`
        select user_id, created_at from (
          select user_id, created_at, row_number() over (partition by user_id order by created_at desc) as nth
          from jobs
          where user_id = any(${counted}::bigint[]) and (kind = 'restore' or regenerate) and created_at > now() - interval '1 hour'
        ) newest
        where nth <= ${quotas.restoresPerHour}
        order by user_id, created_at desc`.execute(trx);
      for (const row of restores.rows) standings.get(Number(row.user_id))!.restores.push(row.created_at.getTime());
    }
  }

  return {
    check(userId, request) {
      const standing = standings.get(userId);
      if (!standing || !quotasApply(quotas)) return undefined;
      if (quotas.runningJobs > 0 && standing.running >= quotas.runningJobs)
        return (words) => words.quota.running(quotas.runningJobs);
      const now = Date.now();
      const windows: Window[] = [];
      if (request.kind !== 'restore')
        windows.push(
          { limit: quotas.jobsPerHour, hours: 1, times: standing.recent, say: (words) => words.quota.hour },
          { limit: quotas.jobsPerDay, hours: 24, times: standing.recent, say: (words) => words.quota.day },
        );
      if (isRestoreOrRegeneration(request))
        windows.push({
          limit: quotas.restoresPerHour,
          hours: 1,
          times: standing.restores,
          say: (words) => words.quota.restores,
        });
      for (const window of windows) {
        if (window.limit === 0) continue;
        const inWindow = window.times.filter((at) => at > now - window.hours * HOUR_MS);
        if (inWindow.length < window.limit) continue;
        // The window frees a slot when the oldest of the last `limit` jobs leaves it.
        const freeAt = inWindow[window.limit - 1]! + window.hours * HOUR_MS;
        const minutes = Math.max(1, Math.ceil((freeAt - now) / 60_000));
        return (words) => window.say(words)(window.limit, minutes);
      }
      return undefined;
    },
    note(userId, request) {
      const standing = standings.get(userId);
      if (!standing) return;
      standing.running += 1;
      if (request.kind !== 'restore') standing.recent.unshift(Date.now());
      if (isRestoreOrRegeneration(request)) standing.restores.unshift(Date.now());
    },
  };
}

/** A limit over a sliding window of hours, and the refusal that names it. */
interface Window {
  limit: number;
  hours: number;
  /** The user's requests it counts, newest first. */
  times: number[];
  say: (words: Words) => (limit: number, retryInMinutes: number) => string;
}

const isRestoreOrRegeneration = (request: QuotaRequest) => request.kind === 'restore' || request.regenerate === true;

/** What is left of the hourly and daily quotas (null: no such limit), or undefined for an admin. */
export async function quotaLeft(
  trx: Transaction<Database>,
  userId: number,
  quotas: Quotas,
): Promise<{ hour: number | null; day: number | null } | undefined> {
  if (quotas.adminUserIds.includes(userId)) return undefined;
  const left = async (limit: number, hours: number) =>
    limit === 0 ? null : Math.max(0, limit - (await recentJobCount(trx, userId, hours, limit)));
  return { hour: await left(quotas.jobsPerHour, 1), day: await left(quotas.jobsPerDay, 24) };
}

/** How many of the user's quota-counted jobs were created within `hours` (at most `limit`). */
async function recentJobCount(
  trx: Transaction<Database>,
  userId: number,
  hours: number,
  limit: number,
): Promise<number> {
  const rows = await trx
    .selectFrom('jobs')
    .select('id')
    .where('user_id', '=', userId)
    .where('kind', 'in', ['create', 'revise'])
    .where('created_at', '>', sql<Date>`now() - make_interval(hours => ${hours})`)
    .limit(limit)
    .execute();
  return rows.length;
}
