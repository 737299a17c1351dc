import { sql, type Transaction } from 'kysely';
import type { Database } from '../../shared/db/schema.ts';
import { storageUsedBy } from '../../shared/previews/index.ts';
import { replyHtml, type BotContext, type BotDeps } from './context.ts';
import { quotaLeft } from './quotas.ts';

export interface UsagePeriod {
  jobs: number;
  tokens: number;
}

/** One user's jobs (deletes not counted) and AI tokens (input + output, every provider call) today and this month (UTC). */
export async function usageOf(
  trx: Transaction<Database>,
  userId: number,
): Promise<{ today: UsagePeriod; month: UsagePeriod }> {
  const since = (unit: 'day' | 'month') => sql<Date>`date_trunc(${unit}, now())`;
  const period = async (unit: 'day' | 'month'): Promise<UsagePeriod> => {
    const jobs = await trx
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('kind', '!=', 'delete')
      .where('created_at', '>=', since(unit))
      .executeTakeFirstOrThrow();
    const tokens = await trx
      .selectFrom('job_attempts')
      .innerJoin('jobs', 'jobs.id', 'job_attempts.job_id')
      .select(
        sql<number>`coalesce(sum(coalesce(job_attempts.input_tokens, 0) + coalesce(job_attempts.output_tokens, 0)), 0)`.as(
          'n',
        ),
      )
      .where('jobs.user_id', '=', userId)
      .where('job_attempts.started_at', '>=', since(unit))
      .executeTakeFirstOrThrow();
    return { jobs: Number(jobs.n), tokens: Number(tokens.n) };
  };
  return { today: await period('day'), month: await period('month') };
}

/** /usage: jobs and tokens today and this month, what is left of the quotas, and the storage the user's sites hold. */
export async function reportUsage(ctx: BotContext, deps: BotDeps): Promise<void> {
  const userId = ctx.actor!;
  const trx = await ctx.transaction();
  const { today, month } = await usageOf(trx, userId);
  const left = await quotaLeft(trx, userId, deps.quotas);
  const capBytes = deps.quotas.storageBytes;
  const storage = capBytes === 0 ? undefined : { usedBytes: await storageUsedBy(trx, userId, new Date()), capBytes };
  await replyHtml(ctx, ctx.words.usage({ today, month, left, storage }));
}
