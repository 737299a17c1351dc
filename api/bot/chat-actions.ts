import { sql, type Transaction } from 'kysely';
import { anyOf } from '../../shared/db/any-of.ts';
import type { Database } from '../../shared/db/schema.ts';

/** An action against the limit: within it, the first one beyond it (said so once), or one more beyond it. */
export type ActionVerdict = 'within' | 'first-beyond' | 'beyond';

/**
 * The per-chat action limit (CHAT_ACTIONS_PER_MINUTE) for a batch of updates: each chat's count in
 * its current one-minute window is read once for the batch, counted in memory as the batch's
 * updates act, and written back once (`save`, in the batch's transaction).
 */
export interface ChatActions {
  take(chatId: number): ActionVerdict;
  save(trx: Transaction<Database>): Promise<void>;
}

const WINDOW = sql`interval '1 minute'`;

export async function loadChatActions(
  trx: Transaction<Database>,
  chatIds: readonly number[],
  perMinute: number,
): Promise<ChatActions> {
  if (perMinute === 0 || chatIds.length === 0) return { take: () => 'within', save: () => Promise.resolve() };
  const rows = await trx
    .selectFrom('chat_actions')
    .select(['chat_id', 'actions'])
    .where('chat_id', '=', anyOf(chatIds))
    .where('window_started_at', '>', sql<Date>`now() - ${WINDOW}`)
    .execute();
  const before = new Map(rows.map((row) => [row.chat_id, row.actions]));
  const counted = new Map<number, number>();
  return {
    take(chatId) {
      const now = (counted.get(chatId) ?? 0) + 1;
      counted.set(chatId, now);
      const total = (before.get(chatId) ?? 0) + now;
      return total <= perMinute ? 'within' : total === perMinute + 1 ? 'first-beyond' : 'beyond';
    },
    async save(trx) {
      if (counted.size === 0) return;
      const current = sql`chat_actions.window_started_at > now() - ${WINDOW}`;
      await trx
        .insertInto('chat_actions')
        .columns(['chat_id', 'window_started_at', 'actions'])
        .expression(
          sql`select chat_id, now(), actions from unnest(${[...counted.keys()]}::bigint[], ${[...counted.values()]}::int[]) as counted(chat_id, actions)`,
        )
        .onConflict((oc) =>
          oc.column('chat_id').doUpdateSet({
            actions: sql<number>`case when ${current} then chat_actions.actions + excluded.actions else excluded.actions end`,
            window_started_at: sql<Date>`case when ${current} then chat_actions.window_started_at else excluded.window_started_at end`,
          }),
        )
        .execute();
    },
  };
}
