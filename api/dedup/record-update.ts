import type { Context, MiddlewareFn } from 'grammy';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../shared/db/schema.ts';

/** Context flavor: handlers after this middleware write through `ctx.trx`, inside the dedup transaction. */
export interface TransactionFlavor {
  trx: Transaction<Database>;
  /** True once the update was seen for the first time and its effects were recorded. */
  isFirstDelivery: boolean;
}

/**
 * Records the update id and runs the rest of the bot inside the same transaction, so the dedup row,
 * the job and the outbox row commit together or not at all. A repeated update_id (Telegram retries,
 * concurrent duplicates) stops here: the unique key makes the second insert a no-op.
 */
export function recordUpdate<C extends Context & TransactionFlavor>(db: Kysely<Database>): MiddlewareFn<C> {
  return async (ctx, next) => {
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
  };
}

function updateKind(update: object): string {
  return Object.keys(update).find((key) => key !== 'update_id') ?? 'unknown';
}
