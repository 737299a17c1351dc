import { requestCancel } from '../../shared/jobs/index.ts';
import { wordsFor } from '../../shared/telegram/words/index.ts';
import { replyHtml, type BotContext, type BotDeps } from './context.ts';

/**
 * /cancel: stops the user's unfinished jobs in this chat. A queued job ends `cancelled` at once (the
 * worker skips it); a running one is asked to stop and its worker aborts the provider call and
 * ends it. The answer names what was stopped; a queued job's status message says so too.
 */
export async function cancelJobs(ctx: BotContext, deps: BotDeps): Promise<void> {
  const stopped = await requestCancel(await ctx.transaction(), { chatId: ctx.chat!.id, userId: ctx.actor! });
  const words = ctx.words;
  if (stopped.length === 0) return void (await replyHtml(ctx, words.cancel.nothing()));
  await replyHtml(ctx, stopped.map((job) => words.cancel.stopped(job.prompt)).join('\n'));
  for (const job of stopped) {
    const messageId = job.status_message_id;
    if (job.status !== 'cancelled' || messageId === null) continue;
    ctx.afterCommit(
      () => deps.telegram.editMessageText(job.chat_id, messageId, wordsFor(job.language_code).status.cancelled()),
      { jobId: job.id },
    );
  }
}
