import type { Transaction } from 'kysely';
import type { Database, JobKind } from '../../shared/db/schema.ts';
import { UNFINISHED_STATUSES } from '../../shared/jobs/index.ts';
import { previewUrl } from '../../shared/previews/index.ts';
import { confirmDeleteKeyboard, resultKeyboard } from '../../shared/telegram/result-keyboard.ts';
import { wordsFor } from '../../shared/telegram/words/index.ts';
import type { BotContext, BotDeps } from './context.ts';

/** The result a 🗑 Delete, Yes or No was tapped under: its job and the site it shows. */
export interface ResultSite {
  jobId: string;
  kind: JobKind;
  version: number;
  previewId: string;
  /** The result message's language (its buttons keep it, whoever taps). */
  languageCode: string | null;
}

/**
 * The 🗑 Delete button under a result, in two steps, for whoever may change the site (the caller
 * checked): Delete turns the keyboard into "Delete for good? Yes" / "No, keep it"; No puts the
 * result's buttons back; Yes asks the worker to delete the site — a job of kind `delete`, since
 * only the worker writes preview storage — and takes the buttons away. The job's status message
 * says it is underway and its final message that it is done. A second Yes while one is underway
 * (a double tap) asks for nothing more.
 */
export async function answerDeleteButton(
  ctx: BotContext,
  deps: BotDeps,
  step: 'delete' | 'confirmDelete' | 'keep',
  site: ResultSite,
): Promise<void> {
  const words = wordsFor(site.languageCode);
  if (step === 'delete') {
    await ctx.editMessageReplyMarkup({ reply_markup: confirmDeleteKeyboard(words, site.jobId) });
  } else if (step === 'keep') {
    const versions = await versionsOf(await ctx.transaction(), site.previewId);
    const url = previewUrl(deps.preview.baseUrl, site.previewId, deps.preview.hostMode);
    await ctx.editMessageReplyMarkup({
      reply_markup: resultKeyboard(words, { id: site.jobId, kind: site.kind, version: site.version }, url, versions),
    });
  } else {
    if (!(await deleteUnderway(await ctx.transaction(), site.previewId)))
      ctx.enqueueJob({
        updateId: ctx.update.update_id,
        chatId: ctx.chat!.id,
        userId: ctx.actor,
        prompt: 'delete the site',
        kind: 'delete',
        previewId: site.previewId,
        languageCode: ctx.from?.language_code ?? null,
        requestMessageId: ctx.callbackQuery?.message?.message_id ?? null,
      });
    await ctx.editMessageReplyMarkup();
  }
  await ctx.answerCallbackQuery();
}

async function versionsOf(trx: Transaction<Database>, previewId: string): Promise<number[]> {
  const rows = await trx
    .selectFrom('preview_versions')
    .select('version')
    .where('preview_id', '=', previewId)
    .orderBy('version')
    .execute();
  return rows.map((row) => row.version);
}

/** Whether a delete of the site is already in line or running (this batch's jobs included). */
async function deleteUnderway(trx: Transaction<Database>, previewId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('jobs')
    .select('id')
    .where('preview_id', '=', previewId)
    .where('kind', '=', 'delete')
    .where('status', 'in', UNFINISHED_STATUSES)
    .executeTakeFirst();
  return row !== undefined;
}
