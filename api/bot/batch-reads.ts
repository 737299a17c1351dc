import { sql, type Transaction } from 'kysely';
import type { Update, UserFromGetMe } from 'grammy/types';
import type { Config } from '../../shared/config/index.ts';
import { anyOf } from '../../shared/db/any-of.ts';
import type { Database } from '../../shared/db/schema.ts';
import { actorOf } from './actor.ts';
import { jobsWithSiteAuthor, siteAuthorId } from './jobs-with-site-author.ts';
import { loadChatActions, type ChatActions } from './chat-actions.ts';
import { loadQuotaBook, quotasApply, type QuotaBook } from './quotas.ts';

/** The site a result message in a chat shows (a reply to it revises that version). */
export interface ResultMessage {
  previewId: string;
  version: number;
  /** Deleted or expired: there is nothing left to revise. */
  gone: boolean;
  /** Who made the site (its first job's actor): they, and a group's admins, may change it. */
  authorId: number | null;
}

/**
 * What the handlers of a batch of updates read, loaded for the whole batch in a few set-based
 * statements before any handler runs: who is banned, the senders' quotas, the chats' actions this
 * minute, and the results that messages of the batch reply to. Rare paths (/sites, /usage,
 * buttons…) read for themselves through the batch's transaction instead. The batch's counts are
 * written back with `chatActions.save` before it commits.
 */
export interface BatchReads {
  isBanned(userId: number): boolean;
  quota: QuotaBook;
  chatActions: ChatActions;
  /** The result a bot message is, when the message `messageId` in `chatId` is one. */
  resultAt(chatId: number, messageId: number): ResultMessage | undefined;
}

/**
 * With quotas on, the senders' users rows are created if need be and locked for the transaction
 * (in id order, so two batches never wait on each other in a circle): two api processes cannot
 * both let one user past a limit. Without quotas, the ban check is one plain read.
 */
export async function loadBatchReads(
  trx: Transaction<Database>,
  updates: readonly Update[],
  deps: { quotas: Config['quotas']; me: UserFromGetMe },
): Promise<BatchReads> {
  const senders = [...new Set(updates.map(actorOf).filter((id): id is number => id !== undefined))].sort(
    (a, b) => a - b,
  );
  const counted = quotasApply(deps.quotas) ? senders.filter((id) => !deps.quotas.adminUserIds.includes(id)) : [];
  const banned = new Set(await bannedAmong(trx, senders, counted));
  const quota = await loadQuotaBook(trx, counted, deps.quotas);
  const chats = [...new Set(updates.map(chatOf).filter((id): id is number => id !== undefined))];
  const chatActions = await loadChatActions(trx, chats, deps.quotas.chatActionsPerMinute);
  const results = await resultsRepliedTo(trx, updates, deps.me);
  return {
    isBanned: (userId) => banned.has(userId),
    quota,
    chatActions,
    resultAt: (chatId, messageId) => results.get(`${chatId}:${messageId}`),
  };
}

/** The chat a message or a button tap acts in. */
function chatOf(update: Update): number | undefined {
  return (update.message ?? update.callback_query?.message)?.chat.id;
}

/** The banned among `senders`; `lock` (a subset) get a users row, locked until the transaction ends. */
async function bannedAmong(
  trx: Transaction<Database>,
  senders: readonly number[],
  lock: readonly number[],
): Promise<number[]> {
  if (senders.length === 0) return [];
  if (lock.length > 0) {
    await trx
      .insertInto('users')
      .columns(['user_id'])
      .expression(sql`select unnest(${lock}::bigint[]) order by 1`)
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ updated_at: sql<Date>`now()` }))
      .execute();
  }
  const rows = await trx
    .selectFrom('users')
    .select('user_id')
    .where('user_id', '=', anyOf(senders))
    .where('banned_at', 'is not', null)
    .execute();
  return rows.map((row) => row.user_id);
}

/** The results (done jobs) that the batch's messages reply to, by `chat:message`. */
async function resultsRepliedTo(
  trx: Transaction<Database>,
  updates: readonly Update[],
  me: UserFromGetMe,
): Promise<Map<string, ResultMessage>> {
  const replies = updates
    .map((update) => update.message)
    .filter((message) => message?.reply_to_message?.from?.id === me.id)
    .map((message) => ({ chatId: message!.chat.id, messageId: message!.reply_to_message!.message_id }));
  const results = new Map<string, ResultMessage>();
  if (replies.length === 0) return results;
  const rows = await jobsWithSiteAuthor(trx)
    .select([
      'jobs.chat_id',
      'jobs.result_message_id',
      'jobs.preview_id',
      'jobs.version',
      siteAuthorId.as('author_id'),
      sql<boolean>`previews.deleted_at is not null or previews.expires_at <= now()`.as('gone'),
    ])
    .where((eb) =>
      eb(
        eb.refTuple('jobs.chat_id', 'jobs.result_message_id'),
        'in',
        replies.map((reply) => eb.tuple(reply.chatId, reply.messageId)),
      ),
    )
    .where('jobs.status', '=', 'done')
    .execute();
  for (const row of rows) {
    if (row.preview_id === null || row.version === null) continue;
    results.set(`${row.chat_id}:${row.result_message_id}`, {
      previewId: row.preview_id,
      version: row.version,
      gone: row.gone === true,
      authorId: row.author_id,
    });
  }
  return results;
}
