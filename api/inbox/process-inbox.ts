import type { Api, Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Config } from '../../shared/config/index.ts';
import { anyOf } from '../../shared/db/any-of.ts';
import type { Database } from '../../shared/db/schema.ts';
import { enqueueJobs, type JobRequest, type QueuedJob } from '../../shared/jobs/index.ts';
import type { Logger } from '../../shared/log/index.ts';
import { isLimited } from '../../shared/telegram/send-rate-limit.ts';
import { loadBatchReads } from '../bot/batch-reads.ts';
import { handleInBatch, type BotContext, type UpdateScope } from '../bot/handlers.ts';
import type { ChatTasks } from '../chat-tasks.ts';
import { acknowledgeJob } from '../jobs/acknowledge-job.ts';
import { inboxUnprocessed, jobsCreated, updatesProcessed } from '../metrics/api-metrics.ts';
import { pruneInbox } from './prune-inbox.ts';

/**
 * An update whose handling failed this often (alone, in its own transaction) is given up on; until
 * then it is tried again after 2, 4, 8… seconds (at most 5 minutes apart), about 20 minutes in all.
 */
const MAX_ATTEMPTS = 10;
const MAX_RETRY_DELAY_SECONDS = 300;
/** Updates run through the bot between two turns of the event loop, so webhook calls are answered meanwhile. */
const UPDATES_PER_TURN = 32;
/** Failed updates tried again per pass. */
const RETRIES_PER_PASS = 20;
/**
 * How long a batch's jobs wait for their acknowledgements before they are published: the user
 * sees "Got it" before the first progress edit. After a burst the acknowledgements wait for send
 * slots, and the jobs go without them.
 */
const ACKNOWLEDGEMENT_HEAD_START_MS = 200;
/**
 * Committed update ids this process knows of and has not handled yet, at most: beyond, the oldest
 * hints are dropped (the inbox still holds those updates; a scan of it finds them).
 */
const MAX_HINTS = 100_000;
/** How often processed updates are pruned. */
const PRUNE_EVERY_MS = 10 * 60_000;
/**
 * The advisory lock whose holder handles the inbox: one api process at a time, whichever takes it
 * first for each batch. (FOR UPDATE SKIP LOCKED would let several work side by side, but locking
 * each row costs PostgreSQL a tuple write and a WAL record: the biggest part of a batch's time.)
 */
const INBOX_LOCK = 4_650_001;

export interface InboxProcessorOptions {
  db: Kysely<Database>;
  bot: Bot<BotContext>;
  /** Sends the acknowledgements after each commit, spaced to Telegram's limits (shared send slots). */
  telegram: Api;
  /**
   * Sends what the handlers said after each commit: their answers to what a user just did, sent at
   * once like replies to a webhook call (retried on 429, never waiting for a shared send slot).
   */
  answers: Api;
  tasks: ChatTasks;
  log: Logger;
  quotas: Config['quotas'];
  /** Called after a batch committed new jobs: the outbox relay publishes them right away. */
  onJobsQueued: () => void;
  /** Updates handled in one transaction (default 256). */
  batchSize?: number;
  /** How often to look for updates nobody woke us for (another api process's, earlier failures). */
  pollIntervalMs?: number;
}

/** Work to do for a chat once the batch committed. */
interface AfterCommit {
  lane: string;
  run: () => Promise<unknown>;
  logBindings: Record<string, unknown>;
}

/** What one handled batch leaves to do after its commit. */
interface Handled {
  updates: number;
  /** Per update, in order: its answers and effects. */
  effects: AfterCommit[][];
  jobs: QueuedJob[];
}

/**
 * Handles the inbox: takes the oldest unprocessed updates (several api processes share the inbox:
 * whichever holds its advisory lock handles the next batch, so each update is handled by one), reads what their handlers need for the
 * whole batch at once, runs each through the bot, writes the jobs they asked for with their outbox
 * rows in one statement, marks the updates processed (dropping their payload) and commits — a few
 * round trips per batch instead of several per update. Only then does anything reach a chat, each
 * in its chat's line: the handlers' answers at once (as replies to a webhook call would), the jobs'
 * acknowledgements through the send-limited client.
 *
 * A batch that fails is handled again one update per transaction, so one update whose handler
 * throws cannot hold up the inbox: it is recorded with the reason and, after MAX_ATTEMPTS such
 * failures, given up on. While the database fails the loop backs off. Processed updates are pruned
 * after the dedup window (see pruneInbox).
 */
export function startInboxProcessor(options: InboxProcessorOptions) {
  const { db, bot, telegram, tasks, log } = options;
  const batchSize = options.batchSize ?? 256;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  let stopped = false;
  let wakeUp: (() => void) | undefined;
  let wokenWhileBusy = false;
  let failures = 0;
  let prunedAt = 0;
  /**
   * Ids the inbox writer of this process committed, oldest first: the next batch takes them by key,
   * which costs the same however long the backlog, where a scan of the unprocessed updates walks
   * the entries of updates processed since the last vacuum.
   */
  let hints: number[] = [];
  const stopMeasuring = inboxUnprocessed.measureWith(async () => [{ value: await countUnprocessed(db) }]);

  /**
   * Handles a batch of unprocessed updates that never failed — those this process committed
   * (`hints`), else the oldest in the inbox — or only `onlyId`. Resolves to how many it took (a
   * full batch: there may be more). `taken` receives their ids, also when it then fails.
   */
  async function processBatch(taken: number[], onlyId?: number): Promise<number> {
    const hinted = onlyId === undefined ? hints.splice(0, batchSize) : [];
    let locked = true;
    const handled = await db.transaction().execute(async (trx) => {
      if (!(await holdInboxLock(trx))) {
        locked = false;
        hints = [...hinted, ...hints];
        return undefined;
      }
      let waiting = trx
        .selectFrom('updates')
        .select(['update_id', 'payload'])
        .where('processed_at', 'is', null)
        .orderBy('update_id');
      if (onlyId !== undefined) waiting = waiting.where('update_id', '=', onlyId);
      else if (hinted.length > 0) waiting = waiting.where('update_id', '=', anyOf(hinted)).where('attempts', '=', 0);
      else waiting = waiting.where('attempts', '=', 0).limit(batchSize);
      const rows = await waiting.execute();
      taken.push(...rows.map((row) => row.update_id));
      if (rows.length === 0) return undefined;
      return handleUpdates(trx, rows);
    });
    // Another api process holds the inbox: nothing taken here.
    if (!locked) return 0;
    if (!handled) return hinted.length;
    afterCommit(handled);
    return Math.max(handled.updates, hinted.length);
  }

  async function handleUpdates(
    trx: Transaction<Database>,
    rows: { update_id: number; payload: string | null }[],
  ): Promise<Handled> {
    const updates = rows.flatMap((row) => (row.payload ? [JSON.parse(row.payload) as Update] : []));
    const reads = await loadBatchReads(trx, updates, { quotas: options.quotas, me: bot.botInfo });
    const asked: JobRequest[] = [];
    const jobs: QueuedJob[] = [];
    /** Writes the jobs asked for so far, so what reads the transaction next sees them. */
    const writeJobs = async () => {
      if (asked.length > 0) jobs.push(...(await enqueueJobs(trx, asked.splice(0))));
    };
    const effects: AfterCommit[][] = [];
    for (const [index, update] of updates.entries()) {
      if (index > 0 && index % UPDATES_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
      const own: AfterCommit[] = [];
      effects.push(own);
      const chat = chatOf(update);
      const bindings = { updateId: update.update_id };
      const scope: UpdateScope = {
        batch: reads,
        transaction: async () => (await writeJobs(), trx),
        enqueueJob: (request) => void asked.push(request),
        afterCommit: (run, logBindings = {}) =>
          void own.push({ lane: chat, run, logBindings: { ...bindings, ...logBindings } }),
        recordCall: (method, payload) =>
          void own.push({
            // Answers to button taps do not wait behind the chat's messages and their send slots.
            lane: isLimited(method) ? chat : `${chat}:answers`,
            run: () => callBotApi(options.answers, method, payload),
            logBindings: { ...bindings, method },
          }),
      };
      await handleInBatch(bot, update, scope);
    }
    await writeJobs();
    await reads.chatActions.save(trx);
    await trx
      .updateTable('updates')
      .set({ processed_at: sql<Date>`now()`, payload: null })
      .where('update_id', '=', anyOf(rows.map((row) => row.update_id)))
      .execute();
    return { updates: rows.length, effects, jobs };
  }

  /**
   * Once committed: every chat gets its answers, then its acknowledgements, and the jobs are
   * published — after their acknowledgements, or ACKNOWLEDGEMENT_HEAD_START_MS, whichever is first.
   */
  function afterCommit({ updates, effects, jobs }: Handled): void {
    updatesProcessed.inc({ outcome: 'handled' }, updates);
    for (const own of effects) for (const effect of own) void tasks.run(effect.lane, effect.run, effect.logBindings);
    if (jobs.length === 0) return;
    jobsCreated.inc(jobs.length);
    const acknowledged = jobs.map((job) =>
      tasks.run(String(job.chat_id), () => acknowledgeJob(db, telegram, job), {
        updateId: job.update_id,
        jobId: job.id,
      }),
    );
    void Promise.race([Promise.all(acknowledged), delay(ACKNOWLEDGEMENT_HEAD_START_MS)]).then(() =>
      options.onJobsQueued(),
    );
  }

  /** After a failed batch: each of its updates alone, so only the one that fails stays behind. */
  async function processOneByOne(ids: number[]): Promise<void> {
    for (const id of ids) {
      try {
        await processBatch([], id);
      } catch (error) {
        await recordFailure(id, error);
      }
    }
  }

  /** Updates that failed before, each alone, once their retry is due. */
  async function retryFailed(): Promise<void> {
    const due = await db
      .selectFrom('updates')
      .select('update_id')
      .where('processed_at', 'is', null)
      .where('attempts', '>', 0)
      .where('retry_at', '<=', sql<Date>`now()`)
      .orderBy('update_id')
      .limit(RETRIES_PER_PASS)
      .execute();
    await processOneByOne(due.map((row) => row.update_id));
  }

  async function recordFailure(updateId: number, error: unknown): Promise<void> {
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    const row = await db
      .updateTable('updates')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        failure: reason,
        retry_at: sql<Date>`now() + make_interval(secs => least(${MAX_RETRY_DELAY_SECONDS}, 2 ^ (attempts + 1)))`,
        processed_at: sql<Date | null>`case when attempts + 1 >= ${MAX_ATTEMPTS} then now() end`,
      }))
      .where('update_id', '=', updateId)
      .where('processed_at', 'is', null)
      .returning(['attempts', 'processed_at'])
      .executeTakeFirst();
    const givenUp = row?.processed_at != null;
    log[givenUp ? 'error' : 'warn'](
      { err: error, updateId, attempts: row?.attempts },
      givenUp ? 'could not handle the update; given up on it' : 'could not handle the update; will try again',
    );
    if (givenUp) updatesProcessed.inc({ outcome: 'failed' });
  }

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
        const taken: number[] = [];
        try {
          const count = await processBatch(taken);
          failures = 0;
          if (count === batchSize) continue;
        } catch (error) {
          if (taken.length === 0) throw error;
          log.warn({ err: error, updates: taken.length }, 'a batch of updates failed; handling them one by one');
          await processOneByOne(taken);
        }
        await retryFailed();
        if (Date.now() - prunedAt > PRUNE_EVERY_MS) {
          prunedAt = Date.now();
          await pruneInbox(db);
        }
        failures = 0;
      } catch (error) {
        failures += 1;
        log.error({ err: error, failures }, 'could not read the inbox; trying again');
      }
      if (failures === 0 && wokenWhileBusy) continue;
      await sleep(failures === 0 ? pollIntervalMs : Math.min(10_000, 1000 * 2 ** (failures - 1)));
    }
  };

  const running = loop();

  /** Handle now instead of at the next poll. */
  function wake(): void {
    if (failures > 0) return;
    if (wakeUp) wakeUp();
    else wokenWhileBusy = true;
  }

  return {
    wake,
    /** Updates the inbox writer of this process just committed: handled next (at once, if idle). */
    take(updateIds: number[]): void {
      hints.push(...updateIds);
      if (hints.length > MAX_HINTS) hints.splice(0, hints.length - MAX_HINTS);
      wake();
    },
    /** Stops after the batch in flight; updates not handled stay in the inbox for the next process. */
    async close(): Promise<void> {
      stopped = true;
      wakeUp?.();
      await running;
      stopMeasuring();
    },
  };
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Takes the inbox's lock for the rest of the transaction; false when another api process holds it. */
async function holdInboxLock(trx: Transaction<Database>): Promise<boolean> {
  const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${INBOX_LOCK}) as locked`.execute(
    trx,
  );
  return rows[0]!.locked;
}

/** The chat an update belongs to (its answers' line); updates without one share a line. */
function chatOf(update: Update): string {
  const chat =
    update.message?.chat ??
    update.edited_message?.chat ??
    update.callback_query?.message?.chat ??
    update.my_chat_member?.chat ??
    update.channel_post?.chat;
  return String(chat?.id ?? update.callback_query?.from.id ?? 'none');
}

/** A Bot API call a handler made, made now. */
function callBotApi(telegram: Api, method: string, payload: Record<string, unknown>): Promise<unknown> {
  // grammY types each method's payload; these come from the handlers' own (typed) calls.
  const raw = telegram.raw as unknown as Record<string, (payload: Record<string, unknown>) => Promise<unknown>>;
  return raw[method]!(payload);
}

async function countUnprocessed(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('updates')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('processed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
