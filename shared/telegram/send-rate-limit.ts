import type { Transformer } from 'grammy';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Telegram's documented limits: about one message a second per chat, thirty a second overall. */
export interface SendLimits {
  perChatIntervalMs: number;
  globalIntervalMs: number;
}
/**
 * With margins: 5 % on the per-chat interval and 2 % overall (34 ms rather than 33.3), so a send
 * that waited for its slot and went out a few tens of ms late on a busy machine does not land right
 * behind the next one, which Telegram answers with 429 (auto-retry covers it, but each costs a
 * second and the slot it took).
 */
export const TELEGRAM_LIMITS: SendLimits = { perChatIntervalMs: 1050, globalIntervalMs: Math.ceil(1000 / 30) };

/** Calls that put something in a chat and count against the limits (chat actions do not). */
export const isLimited = (method: string) => /^(send|edit|copy|forward)/.test(method) && method !== 'sendChatAction';

/**
 * Spaces outgoing messages across every process that sends (api and workers): each call reserves a
 * send slot in PostgreSQL (reserveSendSlot) and waits for it. A call abandoned while it waits (its
 * AbortSignal fired: a status edit made moot by the job's answer) gives its slot back.
 */
export function sendRateLimit(db: Kysely<Database>, limits: SendLimits = TELEGRAM_LIMITS): Transformer {
  return async (prev, method, payload, signal) => {
    if (isLimited(method)) {
      // grammY types the signal with an old polyfill's declarations; at run time it is Node's own.
      const abandon = signal as AbortSignal | undefined;
      abandon?.throwIfAborted();
      const chatId = (payload as { chat_id?: unknown }).chat_id;
      const chatKey = typeof chatId === 'number' || typeof chatId === 'string' ? String(chatId) : undefined;
      const reserved = await reserveSendSlot(db, chatKey, limits);
      try {
        await waitFor(reserved.waitMs, abandon);
      } catch (error) {
        await releaseSendSlot(db, reserved.slot).catch(() => undefined);
        throw error;
      }
    }
    return prev(method, payload, signal);
  };
}

/** A reserved send: how long to wait for it (ms, 0 if now) and its overall slot. */
export interface SendSlot {
  waitMs: number;
  slot: number;
}

/**
 * Reserves the earliest overall slot (one per `globalIntervalMs`) that is free and not before the
 * chat's next turn, then moves the chat's next turn to `perChatIntervalMs` after that slot
 * (`telegram_reserve_send_slot`, migrations/20261206110000_telegram_send_calendar.ts). Two
 * properties follow that a single "next free time" per key did not have:
 *
 * - a chat's messages are spaced by when they go out, not by when they were reserved (a reservation
 *   made while the overall queue is long is sent late; spacing from the reservation let two of a
 *   chat's messages leave a few ms apart and drew a 429);
 * - a message waiting for its chat's turn takes a later slot and leaves the free ones before it to
 *   other chats, so the overall pipe is not idle for it.
 *
 * Reservations are serialized in the database and made on its clock, so every process agrees on
 * time. `chatKey` undefined: a call without a chat, limited overall only.
 */
export async function reserveSendSlot(
  db: Kysely<Database>,
  chatKey: string | undefined,
  limits: SendLimits,
): Promise<SendSlot> {
  const key = chatKey === undefined ? null : `chat:${chatKey}`;
  const { rows } = await sql<{ reserved_slot: number | string; wait_ms: number }>`
    select reserved_slot, wait_ms
    from telegram_reserve_send_slot(${key}, ${limits.globalIntervalMs}, ${limits.perChatIntervalMs})`.execute(db);
  const row = rows[0]!;
  return { slot: Number(row.reserved_slot), waitMs: Math.ceil(Number(row.wait_ms)) };
}

/** Gives an unused slot back, so a later reservation can take it. */
export async function releaseSendSlot(db: Kysely<Database>, slot: number): Promise<void> {
  await db.deleteFrom('telegram_send_calendar').where('slot', '=', slot).execute();
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it is aborted. */
function waitFor(ms: number, signal: AbortSignal | undefined): Promise<void> {
  signal?.throwIfAborted();
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => {
      signal?.removeEventListener('abort', abort);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    signal?.addEventListener('abort', abort, { once: true });
  });
}
