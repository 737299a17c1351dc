import { enqueueJob, type JobRequest } from '../../shared/jobs/index.ts';
import { acknowledgeJob } from '../jobs/acknowledge-job.ts';
import { jobsCreated } from '../metrics/api-metrics.ts';
import { checkQuota } from './quotas.ts';
import { wordsOf, type BotContext, type BotDeps } from './context.ts';

export type SiteWish = Pick<JobRequest, 'prompt' | 'kind' | 'previewId' | 'baseVersion'>;

/**
 * Turns a wish (a message, an example button, regenerate, restore…) into a job: checks the prompt's
 * length and the user's quota, records the job in the update's transaction, and acknowledges it in
 * chat once that committed. Resolves to the refusal to show, or undefined when the job was created.
 */
export async function requestSite(ctx: BotContext, deps: BotDeps, wish: SiteWish): Promise<string | undefined> {
  const words = wordsOf(ctx);
  const kind = wish.kind ?? 'create';
  if (kind !== 'restore' && wish.prompt.length > deps.maxPromptChars)
    return words.promptTooLong(deps.maxPromptChars, wish.prompt.length);
  const userId = ctx.from?.id;
  if (userId !== undefined) {
    const refusal = await checkQuota(ctx.trx, userId, kind, deps.quotas);
    if (refusal) return refusal(words);
  }
  const job = await enqueueJob(ctx.trx, {
    ...wish,
    updateId: ctx.update.update_id,
    chatId: ctx.chat!.id,
    userId,
    languageCode: ctx.from?.language_code ?? null,
    requestMessageId: ctx.message?.message_id ?? null,
  });
  jobsCreated.inc(); // at insert: the rare commit that then fails is answered 503, redelivered and counted again
  ctx.afterCommit(() => acknowledgeJob(deps.db, deps.telegram, job), { jobId: job.id });
  return undefined;
}
