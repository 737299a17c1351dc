import type { Bot, Context } from 'grammy';
import type { Kysely } from 'kysely';
import type { Database } from '../../shared/db/schema.ts';
import { words } from '../../shared/telegram/words.ts';
import { recordUpdate, type TransactionFlavor } from '../dedup/record-update.ts';
import { createJob } from '../jobs/create-job.ts';
import { refuseBannedUsers } from './refuse-banned-users.ts';
import { usageOf } from './usage-report.ts';

export type BotContext = Context & TransactionFlavor;

/**
 * What the bot does with an update, in order: dedupe it, then in a private chat refuse blocked
 * users, turn text into a job and answer anything else with a short explanation. Answers go back
 * in the webhook response (grammY's webhook reply), so the webhook never waits on the Bot API.
 */
export function installHandlers(bot: Bot<BotContext>, deps: { db: Kysely<Database>; maxPromptChars: number }): void {
  bot.use(recordUpdate(deps.db));

  const privateChat = bot.chatType('private');
  privateChat.on('message', refuseBannedUsers());
  privateChat.command(['start', 'help'], (ctx) => ctx.reply(words.welcome(), { parse_mode: 'HTML' }));
  privateChat.command('usage', async (ctx) => {
    const { today, month } = await usageOf(ctx.trx, ctx.from.id);
    await ctx.reply(words.usage(today, month), { parse_mode: 'HTML' });
  });
  privateChat.on('message:text', async (ctx) => {
    const prompt = ctx.message.text.trim();
    if (prompt.startsWith('/') || prompt.length === 0) return void (await ctx.reply(words.emptyPrompt(), { parse_mode: 'HTML' }));
    if (prompt.length > deps.maxPromptChars) return void (await ctx.reply(words.promptTooLong(deps.maxPromptChars, prompt.length)));
    await createJob(ctx.trx, { updateId: ctx.update.update_id, chatId: ctx.chat.id, userId: ctx.from?.id, prompt });
  });
  privateChat.on('message', (ctx) => ctx.reply(words.onlyText()));
}
