import { InlineKeyboard } from 'grammy';
import { buttonData } from '../../shared/telegram/buttons.ts';
import { requestTextOf } from './addressed-to-bot.ts';
import type { ResultMessage } from './batch-reads.ts';
import { replyHtml, type BotContext, type BotDeps } from './context.ts';
import { mayChangeSite } from './may-change-site.ts';
import { requestSite } from './request-site.ts';

/** /start: what the bot does, with example prompts as buttons that start a job when tapped. */
export async function welcome(ctx: BotContext): Promise<void> {
  const words = ctx.words;
  const keyboard = new InlineKeyboard();
  words.examples.forEach((example, index) =>
    keyboard.text(example.label, buttonData({ action: 'example', index })).row(),
  );
  await ctx.reply(words.welcome(), { parse_mode: 'HTML', reply_markup: keyboard });
}

/** `/new <description>`: a new site; the way to ask in groups. */
export async function newSiteCommand(ctx: BotContext, deps: BotDeps): Promise<void> {
  const prompt = typeof ctx.match === 'string' ? ctx.match.trim() : '';
  if (!prompt) return void (await replyHtml(ctx, ctx.words.emptyPrompt()));
  const refusal = requestSite(ctx, deps, { prompt });
  if (refusal) await replyHtml(ctx, refusal);
}

/**
 * A text message addressed to the bot: a reply to one of its results revises that site (from the
 * version the result shows), if the sender may change it (see mayChangeSite); anything else asks
 * for a new site.
 */
export async function textRequest(ctx: BotContext, deps: BotDeps): Promise<void> {
  const text = requestTextOf(ctx);
  if (text === undefined) return;
  const words = ctx.words;
  if (text.startsWith('/')) return void (await replyHtml(ctx, words.unknownCommand()));
  if (!text) return void (await replyHtml(ctx, words.emptyPrompt()));
  const result = resultRepliedTo(ctx);
  if (result?.gone) return void (await replyHtml(ctx, words.staleButton()));
  if (result && !(await mayChangeSite(ctx, deps, result.authorId)))
    return void (await replyHtml(ctx, words.notYourSite()));
  const revision = result && { kind: 'revise' as const, previewId: result.previewId, baseVersion: result.version };
  const refusal = requestSite(ctx, deps, { prompt: text, ...revision });
  if (refusal) await replyHtml(ctx, refusal);
}

/** The result (site and version) behind the bot message this one replies to, if that message is one. */
function resultRepliedTo(ctx: BotContext): ResultMessage | undefined {
  const repliedTo = ctx.message?.reply_to_message;
  if (!repliedTo || repliedTo.from?.id !== ctx.me.id) return undefined;
  return ctx.batch.resultAt(ctx.chat!.id, repliedTo.message_id);
}
