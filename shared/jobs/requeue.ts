import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { TRANSITIONS } from './states.ts';

/** An outbox row per job, so the relay publishes each again. */
async function sendAgain(trx: Transaction<Database>, jobIds: readonly string[]): Promise<void> {
  await trx
    .insertInto('outbox')
    .values(jobIds.map((id) => ({ job_id: id, payload: JSON.stringify({ jobId: id }) })))
    .execute();
}

/**
 * Transition `retryByOperator` (ops CLI `retry`): each job starts afresh — in line, no attempts, no
 * error, no status or final message yet — with an outbox row. Jobs not in a `from` status are left
 * alone; returns the ids it requeued. The attempts already made stay in job_attempts.
 */
export async function retryByOperator(trx: Transaction<Database>, jobIds: readonly string[]): Promise<string[]> {
  if (jobIds.length === 0) return [];
  const requeued = await trx
    .updateTable('jobs')
    .set({
      status: TRANSITIONS.retryByOperator.to,
      attempts: 0,
      error: null,
      user_error: null,
      lease_until: null,
      started_at: null,
      finished_at: null,
      status_message_id: null,
      result_message_id: null,
      updated_at: sql<Date>`now()`,
    })
    .where('id', 'in', jobIds)
    .where('status', 'in', TRANSITIONS.retryByOperator.from)
    .returning('id')
    .execute();
  const ids = requeued.map((job) => job.id);
  if (ids.length > 0) await sendAgain(trx, ids);
  return ids;
}

/**
 * Transition `resumeAfterRestart`, for the in-process queue, whose messages die with the process:
 * at start every unfinished job is back in line (a running one's lease died with its worker) with a
 * fresh outbox row, so nothing a previous run accepted is forgotten. A site finished in the last day
 * whose final message was waiting for the renderer's picture (up to RENDER_DEADLINE_MS) gets an
 * outbox row too, and so its message. Returns how many unfinished jobs went back.
 */
export async function resumeAfterRestart(db: Kysely<Database>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const jobs = await trx
      .updateTable('jobs')
      .set({ status: TRANSITIONS.resumeAfterRestart.to, lease_until: null, updated_at: sql<Date>`now()` })
      .where('status', 'in', TRANSITIONS.resumeAfterRestart.from)
      .returning('id')
      .execute();
    const unanswered = await trx
      .updateTable('jobs')
      .set({ lease_until: null })
      .where('status', '=', 'done')
      .where('result_message_id', 'is', null)
      .where('render_until', 'is not', null)
      // A chat that blocked the bot never gets its message recorded: not every start, forever.
      .where('finished_at', '>', sql<Date>`now() - interval '1 day'`)
      .returning('id')
      .execute();
    const ids = [...jobs, ...unanswered].map((job) => job.id);
    if (ids.length > 0) await sendAgain(trx, ids);
    return jobs.length;
  });
}
