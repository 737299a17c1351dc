import type { Context, MiddlewareFn } from 'grammy';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../shared/db/schema.ts';
import type { BackgroundTasks } from '../background-tasks.ts';
import { updatesDeduplicated } from '../metrics/api-metrics.ts';

/** Context flavor: handlers after this middleware write through `ctx.trx`, inside the dedup transaction. */
export interface TransactionFlavor {
  trx: Transaction<Database>;
  /** True once the update was seen for the first time and its effects were recorded. */
  isFirstDelivery: boolean;
  /**
   * Runs `effect` once the transaction committed (never if it rolled back), without holding up the
   * webhook's answer: for calls that must see the committed rows, such as acknowledging a new job.
   */
  afterCommit(effect: () => Promise<unknown>, logBindings?: Record<string, unknown>): void;
}

/**
 * Records the update id and runs the rest of the bot inside the same transaction, so the dedup row,
 * the job and the outbox row commit together or not at all. A repeated update_id (Telegram retries,
 * concurrent duplicates) stops here: the unique key makes the second insert a no-op.
 */
export function recordUpdate<C extends Context & TransactionFlavor>(
  db: Kysely<Database>,
  background: BackgroundTasks,
): MiddlewareFn<C> {
  return async (ctx, next) => {
    const effects: [() => Promise<unknown>, Record<string, unknown>][] = [];
    // Their log lines name the update (and the job, where the caller says so).
    ctx.afterCommit = (effect, logBindings = {}) =>
      void effects.push([effect, { updateId: ctx.update.update_id, ...logBindings }]);
    await db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('updates')
        .values({ update_id: ctx.update.update_id, kind: updateKind(ctx.update) })
        .onConflict((oc) => oc.column('update_id').doNothing())
        .returning('update_id')
        .executeTakeFirst();
      ctx.isFirstDelivery = inserted !== undefined;
      if (!ctx.isFirstDelivery) return;
      ctx.trx = trx;
      await next();
    });
    updatesDeduplicated.inc({ delivery: ctx.isFirstDelivery ? 'first' : 'duplicate' });
    for (const [effect, logBindings] of effects) background.run(effect, logBindings);
  };
}

function updateKind(update: object): string {
  return Object.keys(update).find((key) => key !== 'update_id') ?? 'unknown';
}
