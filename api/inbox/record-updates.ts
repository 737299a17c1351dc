import { sql, type Kysely } from 'kysely';
import type { Database } from '../../shared/db/schema.ts';
import { inboxWriteUpdates } from '../metrics/api-metrics.ts';

/** An update as the webhook (or long polling, or the local chat page) hands it to the inbox. */
export interface InboxUpdate {
  updateId: number;
  /** The update's type: `message`, `callback_query`, … */
  kind: string;
  /** The update's JSON as received; the processor parses it again. */
  payload: string;
}

/** `first`: this call made the update durable; `duplicate`: it was already (a redelivery). */
export type Delivery = 'first' | 'duplicate';

export interface InboxWriter {
  /**
   * Resolves once the update is durable in the inbox, written now or found there already; rejects
   * when its batch could not be written (then nothing of that batch was, and the caller answers
   * 5xx so Telegram delivers it again).
   */
  record(update: InboxUpdate): Promise<Delivery>;
  /** Waits for the updates handed over so far to be written (or fail). */
  close(): Promise<void>;
}

export interface InboxWriterOptions {
  db: Kysely<Database>;
  /** Called after each batch committed, with the ids it added: the processor can take them. */
  onCommitted?: (updateIds: number[]) => void;
  /** At most this many updates in one INSERT (default 512). */
  maxBatch?: number;
  /**
   * Batches written at once; the next gathers while they are in flight (default 4: the pool of 10
   * connections keeps room for the processor, the relay and the acknowledgements).
   */
  maxWritesInFlight?: number;
  /** How many committed update ids to remember, to answer repeats without the database (default 100 000). */
  rememberIds?: number;
}

interface Waiting {
  update: InboxUpdate;
  /** The first caller, then redeliveries that arrived while it waited (answered `duplicate`). */
  callers: { resolve: (delivery: Delivery) => void; reject: (error: unknown) => void }[];
}

/**
 * The inbox's group commit. Updates handed over while a write is in flight (or in the same turn of
 * the event loop) gather and are written together: one multi-row INSERT … ON CONFLICT DO NOTHING,
 * one commit, one round trip, however many updates it holds — so throughput grows with load instead
 * of each update paying for its own round trips and commit. Each caller is answered when its batch
 * committed, or rejected with the batch's error (the statement is atomic: a failed batch wrote
 * nothing). A repeat of an id already waiting joins its first delivery; a repeat of an id known to
 * be committed is answered at once, without the database.
 */
export function createInboxWriter(options: InboxWriterOptions): InboxWriter {
  const { db, onCommitted } = options;
  const maxBatch = options.maxBatch ?? 512;
  const maxWritesInFlight = options.maxWritesInFlight ?? 4;
  const committed = new RecentIds(options.rememberIds ?? 100_000);
  /** Updates not yet in a write, by id. */
  let gathering = new Map<number, Waiting>();
  /** Updates in a write in flight, by id: a repeat arriving now waits for that write. */
  const writing = new Map<number, Waiting>();
  const inFlight = new Set<Promise<void>>();
  let flushScheduled = false;

  function schedule(): void {
    if (gathering.size === 0 || inFlight.size >= maxWritesInFlight) return;
    if (gathering.size >= maxBatch) return flush();
    if (flushScheduled) return;
    flushScheduled = true;
    // After this turn's I/O: every request that arrived with this one joins its batch.
    setImmediate(flush);
  }

  function flush(): void {
    flushScheduled = false;
    if (gathering.size === 0 || inFlight.size >= maxWritesInFlight) return;
    let batch = gathering;
    if (batch.size > maxBatch) {
      batch = new Map([...gathering].slice(0, maxBatch));
      for (const id of batch.keys()) gathering.delete(id);
    } else {
      gathering = new Map();
    }
    for (const [id, waiting] of batch) writing.set(id, waiting);
    const write = writeBatch(batch).finally(() => {
      inFlight.delete(write);
      schedule();
    });
    inFlight.add(write);
    schedule();
  }

  /** The batch's outcome is known: a repeat arriving from now on no longer joins it. */
  function settle(batch: Map<number, Waiting>): void {
    for (const id of batch.keys()) writing.delete(id);
  }

  async function writeBatch(batch: Map<number, Waiting>): Promise<void> {
    const updates = [...batch.values()].map((waiting) => waiting.update);
    let inserted: Set<number>;
    try {
      const result = await sql<{ update_id: number }>`
        insert into updates (update_id, kind, payload)
        select * from unnest(
          ${updates.map((u) => u.updateId)}::bigint[],
          ${updates.map((u) => u.kind)}::text[],
          ${updates.map((u) => u.payload)}::text[])
        on conflict (update_id) do nothing
        returning update_id`.execute(db);
      inserted = new Set(result.rows.map((row) => Number(row.update_id)));
    } catch (error) {
      settle(batch);
      for (const waiting of batch.values()) for (const caller of waiting.callers) caller.reject(error);
      return;
    }
    inboxWriteUpdates.observe(batch.size);
    for (const id of batch.keys()) committed.add(id);
    settle(batch);
    for (const [id, waiting] of batch) {
      waiting.callers.forEach((caller, index) =>
        caller.resolve(index === 0 && inserted.has(id) ? 'first' : 'duplicate'),
      );
    }
    if (inserted.size > 0) onCommitted?.([...inserted]);
  }

  return {
    record(update) {
      if (committed.has(update.updateId)) return Promise.resolve('duplicate');
      return new Promise<Delivery>((resolve, reject) => {
        const joined = writing.get(update.updateId) ?? gathering.get(update.updateId);
        if (joined) {
          // A repeat: never the first delivery, whatever the write finds.
          joined.callers.push({ resolve: () => resolve('duplicate'), reject });
          return;
        }
        gathering.set(update.updateId, { update, callers: [{ resolve, reject }] });
        schedule();
      });
    },
    async close() {
      while (inFlight.size > 0 || gathering.size > 0) {
        if (inFlight.size < maxWritesInFlight) flush();
        await Promise.allSettled([...inFlight]);
      }
    },
  };
}

/** The last `capacity` ids added, for membership tests; the oldest are forgotten first. */
class RecentIds {
  private readonly ids = new Set<number>();
  private readonly order: number[];
  private next = 0;

  constructor(private readonly capacity: number) {
    this.order = new Array<number>(capacity);
  }

  has(id: number): boolean {
    return this.ids.has(id);
  }

  add(id: number): void {
    if (this.ids.has(id)) return;
    const evicted = this.order[this.next];
    if (evicted !== undefined) this.ids.delete(evicted);
    this.order[this.next] = id;
    this.next = (this.next + 1) % this.capacity;
    this.ids.add(id);
  }
}
