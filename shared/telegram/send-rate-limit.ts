import type { Transformer } from 'grammy';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Telegram's documented limits: about one message a second per chat, thirty a second overall. */
export interface SendLimits {
  perChatIntervalMs: number;
  globalIntervalMs: number;
}
/**
 * With a 5 % margin on the per-chat interval: a send that waited for its slot can still be a few
 * tens of ms late on a busy machine and then land right behind the next one, which Telegram
 * answers with 429 (auto-retry covers it, but each costs a second).
 */
export const TELEGRAM_LIMITS: SendLimits = { perChatIntervalMs: 1050, globalIntervalMs: Math.ceil(1000 / 30) };

/** Calls that put something in a chat and count against the limits (chat actions do not). */
export const isLimited = (method: string) => /^(send|edit|copy|forward)/.test(method) && method !== 'sendChatAction';

/**
 * Spaces outgoing messages across every worker process: each call reserves the next free slot for
 * its chat and for the bot as a whole in PostgreSQL (one atomic upsert each), then waits for the
 * later of the two. Reservations are made on the database clock, so workers agree on time.
 */
export function sendRateLimit(db: Kysely<Database>, limits: SendLimits = TELEGRAM_LIMITS): Transformer {
  return async (prev, method, payload, signal) => {
    if (isLimited(method)) {
      const chatId = (payload as { chat_id?: unknown }).chat_id;
      const waits = await Promise.all([
        reserveSlot(db, 'global', limits.globalIntervalMs),
        chatId === undefined ? 0 : reserveSlot(db, `chat:${String(chatId)}`, limits.perChatIntervalMs),
      ]);
      const waitMs = Math.max(...waits);
      if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
    return prev(method, payload, signal);
  };
}

/** Takes the next slot for `key` and returns how long to wait for it (ms, 0 if it is now). */
export async function reserveSlot(db: Kysely<Database>, key: string, intervalMs: number): Promise<number> {
  const interval = sql`make_interval(secs => ${intervalMs / 1000})`;
  const row = await db
    .insertInto('telegram_send_slots')
    .values({ key, next_at: sql<Date>`now() + ${interval}` })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ next_at: sql<Date>`greatest(telegram_send_slots.next_at, now()) + ${interval}` }),
    )
    .returning(sql<number>`greatest(0, extract(epoch from (next_at - ${interval} - now())) * 1000)`.as('wait_ms'))
    .executeTakeFirstOrThrow();
  return Math.ceil(Number(row.wait_ms));
}
