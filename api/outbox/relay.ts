import type { Kysely } from 'kysely';
import { anyOf } from '../../shared/db/any-of.ts';
import type { Database } from '../../shared/db/schema.ts';
import type { Logger } from '../../shared/log/index.ts';
import { jobMessageSchema, type JobQueue } from '../../shared/queue/index.ts';

export interface OutboxRelay {
  /** Publish now instead of at the next poll (called after jobs were committed). */
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
 * Moves outbox rows to the queue, a batch at a time. A row is marked published only after the broker
 * confirmed it (and did not return it as unroutable), so a broker outage loses nothing: publishes
 * fail fast while the connection is down, rows wait and go out on a later pass, after the
 * reconnect. Rows are locked with FOR UPDATE SKIP LOCKED, so several api processes can relay side by
 * side and each row is published by one of them. The inbox processor wakes the relay after each
 * batch that made jobs; a short poll covers rows nobody woke us for (another api process that died,
 * an earlier outage).
 *
 * At-least-once, not exactly-once: a publish that timed out may still have reached the queue, and
 * goes out again on the next pass. The worker's claim makes the second copy harmless.
 */
export function startOutboxRelay({
  db,
  queue,
  log,
  pollIntervalMs = 1000,
  batchSize = 500,
}: OutboxRelayOptions): OutboxRelay {
  let stopped = false;
  let wakeUp: (() => void) | undefined;
  /** A wake that came while a batch was running: its row may have been committed after our select. */
  let wokenWhileBusy = false;
  let failures = 0;

  /**
   * One pass: publishes up to batchSize rows at once — every publish goes out on the confirm
   * channel before the first confirm is awaited, so a batch costs about one round trip to the
   * broker, not one per row — then marks what the broker confirmed. Returns how many rows it saw.
   */
  const publishBatch = async () => {
    const { seen, failure } = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('outbox')
        .select(['id', 'payload'])
        .where('published_at', 'is', null)
        .orderBy('id')
        .limit(batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      const outcomes = await Promise.allSettled(rows.map((row) => queue.publish(jobMessageSchema.parse(row.payload))));
      const published = rows.filter((_, i) => outcomes[i]!.status === 'fulfilled').map((row) => row.id);
      const failed = rows.filter((_, i) => outcomes[i]!.status === 'rejected').map((row) => row.id);
      // Mark what the broker confirmed even when other publishes failed: the transaction must
      // commit for that, so a failure is rethrown only after it.
      if (published.length > 0) {
        await trx.updateTable('outbox').set({ published_at: new Date() }).where('id', '=', anyOf(published)).execute();
      }
      if (failed.length > 0) {
        await trx
          .updateTable('outbox')
          .set((eb) => ({ publish_attempts: eb('publish_attempts', '+', 1) }))
          .where('id', '=', anyOf(failed))
          .execute();
      }
      const firstFailure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      return { seen: rows.length, failure: firstFailure?.reason as unknown };
    });
    if (failure !== undefined)
      throw failure instanceof Error ? failure : new Error('the broker refused a publish', { cause: failure });
    return seen;
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  const loop = async () => {
    while (!stopped) {
      wokenWhileBusy = false;
      try {
        const count = await publishBatch();
        failures = 0;
        if (count === batchSize) continue;
      } catch (error) {
        failures += 1;
        log.error({ err: error, failures }, 'outbox relay could not publish; rows stay in the outbox');
      }
      if (failures === 0 && wokenWhileBusy) continue;
      // Back off while the broker or database is failing: 1 s, 2 s, 4 s, 8 s, then every 10 s.
      await sleep(failures === 0 ? pollIntervalMs : Math.min(10_000, 1000 * 2 ** (failures - 1)));
    }
  };
  const running = loop();

  return {
    wake() {
      // While failing, the back-off decides; a wake per webhook would hammer a broker that is down.
      if (failures > 0) return;
      if (wakeUp) wakeUp();
      else wokenWhileBusy = true;
    },
    async close() {
      stopped = true;
      wakeUp?.();
      await running;
    },
  };
}
