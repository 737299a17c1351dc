import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { msLeftOf } from './claim.ts';

/**
 * Hands a finished site's final message to the renderer, once: `render_until` is set to `deadlineMs`
 * from now, only on a done job whose message has not gone out and that was never handed over. True
 * when this call did it (the caller then queues the render); false when it was done before, or the
 * message is settled.
 */
export async function handOverToRenderer(db: Kysely<Database>, jobId: string, deadlineMs: number): Promise<boolean> {
  const handed = await db
    .updateTable('jobs')
    .set({ render_until: sql<Date>`now() + make_interval(secs => ${deadlineMs / 1000})` })
    .where('id', '=', jobId)
    .where('status', '=', 'done')
    .where('result_message_id', 'is', null)
    .where('render_until', 'is', null)
    .executeTakeFirst();
  return handed.numUpdatedRows > 0n;
}

/**
 * How long the link still waits for the renderer's picture: milliseconds until `render_until` (0 once
 * it passed: the link goes alone now), or undefined when the job was never handed over.
 */
export async function renderTimeLeft(db: Kysely<Database>, jobId: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('jobs')
    .select(['render_until', msLeftOf('render_until').as('left_ms')])
    .where('id', '=', jobId)
    .executeTakeFirst();
  return row?.render_until ? row.left_ms : undefined;
}
