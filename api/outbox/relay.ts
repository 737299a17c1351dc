import type { Kysely } from 'kysely';
import type { Database } from '../../shared/db/schema.ts';
import type { Logger } from '../../shared/log/index.ts';
import { jobMessageSchema, type JobQueue } from '../../shared/queue/index.ts';

export interface OutboxRelay {
  /** Publish now instead of at the next poll (called after the webhook commits a job). */
  wake(): void;
  /** Stop after the batch in flight, if any. */
  close(): Promise<void>;
}

export interface OutboxRelayOptions {
  db: Kysely<Database>;
  queue: JobQueue;
  log: Logger;
  /** How often to look for rows nobody woke us for (other api processes, earlier outages). */
  pollIntervalMs?: number;
  batchSize?: number;
}

/**
 * Moves outbox rows to the queue. A row is marked published only after the broker confirmed it, so
 * a broker outage loses nothing: rows wait and go out on a later pass. Rows are locked with
 * FOR UPDATE SKIP LOCKED, so several api processes can relay side by side without double work.
 */
export function startOutboxRelay({ db, queue, log, pollIntervalMs = 1000, batchSize = 100 }: OutboxRelayOptions): OutboxRelay {
  let stopped = false;
  let wakeUp: (() => void) | undefined;
  let failures = 0;

  const publishBatch = () =>
    db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('outbox')
        .select(['id', 'payload'])
        .where('published_at', 'is', null)
        .orderBy('id')
        .limit(batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      const published: number[] = [];
      try {
        for (const row of rows) {
          await queue.publish(jobMessageSchema.parse(row.payload));
          published.push(row.id);
        }
      } finally {
        // Commit what the broker confirmed even when a later publish failed.
        if (published.length > 0) {
          await trx.updateTable('outbox').set({ published_at: new Date() }).where('id', 'in', published).execute();
        }
        const failed = rows[published.length];
        if (failed) {
          await trx.updateTable('outbox').set((eb) => ({ publish_attempts: eb('publish_attempts', '+', 1) })).where('id', '=', failed.id).execute();
        }
      }
      return rows.length;
    });

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = async () => {
    while (!stopped) {
      try {
        const count = await publishBatch();
        failures = 0;
        if (count === batchSize) continue;
      } catch (error) {
        failures += 1;
        log.error({ err: error, failures }, 'outbox relay could not publish; rows stay in the outbox');
      }
      // Back off while the broker or database is failing: 1 s, 2 s, 4 s … up to 30 s.
      await sleep(failures === 0 ? pollIntervalMs : Math.min(30_000, 1000 * 2 ** (failures - 1)));
    }
  };
  const running = loop();

  return {
    wake() {
      if (failures === 0) wakeUp?.();
    },
    async close() {
      stopped = true;
      wakeUp?.();
      await running;
    },
  };
}
