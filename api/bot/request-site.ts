import type { JobRequest } from '../../shared/jobs/index.ts';
import type { BotContext, BotDeps } from './context.ts';

export type SiteWish = Pick<JobRequest, 'prompt' | 'kind' | 'previewId' | 'baseVersion' | 'regenerate'>;

/**
 * Turns a wish (a message, an example button, regenerate, restore…) into a job: checks the prompt's
 * length and the quota of whoever asks (actorOf), and hands the job to the batch (written with the batch, acknowledged
 * in chat once it committed). Resolves to the refusal to show, or undefined when the job was asked for.
 */
export function requestSite(ctx: BotContext, deps: BotDeps, wish: SiteWish): string | undefined {
  const kind = wish.kind ?? 'create';
  if (kind !== 'restore' && wish.prompt.length > deps.maxPromptChars)
    return ctx.words.promptTooLong(deps.maxPromptChars, wish.prompt.length);
  const userId = ctx.actor;
  if (userId !== undefined) {
    const request = { kind, regenerate: wish.regenerate };
    const refusal = ctx.batch.quota.check(userId, request);
    if (refusal) return refusal(ctx.words);
    ctx.batch.quota.note(userId, request);
  }
  ctx.enqueueJob({
    ...wish,
    updateId: ctx.update.update_id,
    chatId: ctx.chat!.id,
    userId,
    languageCode: ctx.from?.language_code ?? null,
    requestMessageId: ctx.message?.message_id ?? null,
  });
  return undefined;
}
