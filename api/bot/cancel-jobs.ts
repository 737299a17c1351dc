import { sql } from 'kysely';
import { wordsFor } from '../../shared/telegram/words/index.ts';
import { replyHtml, wordsOf, type BotContext, type BotDeps } from './context.ts';

/**
 * /cancel: stops the user's unfinished jobs in this chat. A queued job ends `cancelled` at once (the
 * worker skips it); a running one is asked to stop and its worker aborts the provider call and
 * ends it. The answer names what was stopped; a queued job's status message says so too.
 */
export async function cancelJobs(ctx: BotContext, deps: BotDeps): Promise<void> {
  const stopped = await ctx.trx
    .updateTable('jobs')
    .set({
      cancel_requested_at: sql<Date>`now()`,
      status: sql`case when status = 'queued' then 'cancelled' else status end`,
      finished_at: sql<Date>`case when status = 'queued' then now() else finished_at end`,
      updated_at: sql<Date>`now()`,
    })
    .where('chat_id', '=', ctx.chat!.id)
    .where('user_id', '=', ctx.from!.id)
    .where('status', 'in', ['queued', 'running'])
    .where('cancel_requested_at', 'is', null)
    .returning(['id', 'prompt', 'status', 'status_message_id', 'language_code', 'chat_id'])
    .execute();
  const words = wordsOf(ctx);
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
