import type { Kysely } from 'kysely';
import type { Database } from '../../shared/db/schema.ts';

const POLL_MS = 1000;

/**
 * Watches a running job for /cancel (which sets `cancel_requested_at`): `signal` aborts once it is
 * asked, so the provider call in flight stops. One indexed read per second per running job.
 */
export function watchCancellation(db: Kysely<Database>, jobId: string, options: { pollMs?: number } = {}) {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const check = async () => {
    const row = await db
      .selectFrom('jobs')
      .select('cancel_requested_at')
      .where('id', '=', jobId)
      .executeTakeFirst()
      .catch(() => undefined);
    if (stopped) return;
    if (row?.cancel_requested_at) return controller.abort(new Error('cancelled by the user'));
    timer = setTimeout(() => void check(), options.pollMs ?? POLL_MS);
    timer.unref();
  };
  timer = setTimeout(() => void check(), options.pollMs ?? POLL_MS);
  timer.unref();
  return {
    signal: controller.signal,
    get requested() {
      return controller.signal.aborted;
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
