import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { TRANSITIONS } from './states.ts';

/**
 * /cancel: the user's unfinished jobs in this chat. Transition `cancel` at once for a job still in
 * line; a running one is marked (`cancel_requested_at`), and its worker stops the provider call and
 * ends it `cancelled` itself. A job asked to stop before is left alone. Returns the jobs it touched,
 * with the status each has now.
 */
export async function requestCancel(trx: Transaction<Database>, owner: { chatId: number; userId: number }) {
  return trx
    .updateTable('jobs')
    .set({
      cancel_requested_at: sql<Date>`now()`,
      status: sql`case when status = 'queued' then ${TRANSITIONS.cancel.to} else status end`,
      finished_at: sql<Date>`case when status = 'queued' then now() else finished_at end`,
      updated_at: sql<Date>`now()`,
    })
    .where('chat_id', '=', owner.chatId)
    .where('user_id', '=', owner.userId)
    .where('status', 'in', TRANSITIONS.cancel.from)
    .where('cancel_requested_at', 'is', null)
    .returning(['id', 'prompt', 'status', 'status_message_id', 'language_code', 'chat_id'])
    .execute();
}
