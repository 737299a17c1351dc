import type { Kysely } from 'kysely';
import type { Database } from '../../shared/db/schema.ts';
import { until } from './until.ts';

/**
 * Waits until the bot handled the update (the inbox processor marked it processed): its jobs exist
 * then, and its answers are on their way to the chat.
 */
export async function untilHandled(db: Kysely<Database>, updateId: number, timeoutMs = 20_000): Promise<void> {
  await until(async () => {
    const row = await db
      .selectFrom('updates')
      .select('processed_at')
      .where('update_id', '=', updateId)
      .executeTakeFirst();
    return row?.processed_at != null;
  }, timeoutMs).catch(() => {
    throw new Error(`update ${updateId} was not handled within ${timeoutMs} ms`);
  });
}
