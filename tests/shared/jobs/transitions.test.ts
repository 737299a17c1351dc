import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Job, JobStatus } from '../../../shared/db/schema.ts';
import {
  claimJob,
  enqueueJobs,
  markCancelled,
  markDone,
  markFailed,
  markRetryLater,
  mayFollow,
  renewLease,
  requestCancel,
  resumeAfterRestart,
  retryByOperator,
  TRANSITIONS,
  type TransitionName,
} from '../../../shared/jobs/index.ts';
import { markBotBlocked } from '../../../shared/telegram/bot-blocked.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

const STATUSES: JobStatus[] = ['queued', 'running', 'done', 'failed', 'cancelled'];
const LEASE_MS = 15_000;

let database: TestDatabase;
let db: Kysely<Database>;
let nextChat = 900_000;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(() => database?.drop());

/** A job in `status`, as the pipeline would leave it; a running one holds a live lease unless told. */
async function jobIn(status: JobStatus, options: { leaseMs?: number; userId?: number } = {}): Promise<Job> {
  const chatId = nextChat++;
  const running = status === 'running';
  return db
    .insertInto('jobs')
    .values({
      chat_id: chatId,
      user_id: options.userId ?? chatId,
      prompt: `a site in ${status}`,
      status,
      attempts: status === 'queued' ? 0 : 1,
      lease_until: running ? sql<Date>`now() + make_interval(secs => ${(options.leaseMs ?? LEASE_MS) / 1000})` : null,
      finished_at: ['done', 'failed', 'cancelled'].includes(status) ? new Date() : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

const statusOf = async (jobId: string) =>
  (await db.selectFrom('jobs').select('status').where('id', '=', jobId).executeTakeFirstOrThrow()).status;
const outboxRows = (jobId: string) => db.selectFrom('outbox').select('payload').where('job_id', '=', jobId).execute();

/** Applies a transition to one job the way its caller does; true when the caller is told it applied. */
const apply: Record<Exclude<TransitionName, 'enqueue'>, (job: Job) => Promise<boolean>> = {
  claim: async (job) => (await claimJob(db, job.id, LEASE_MS)).kind === 'claimed',
  renewLease: (job) => renewLease(db, job, LEASE_MS),
  retryLater: (job) =>
    db.transaction().execute((trx) => markRetryLater(trx, job, { error: 'provider_failed: 503', userError: null })),
  succeed: (job) =>
    db.transaction().execute((trx) => markDone(trx, job, { previewId: 'a'.repeat(26), version: 1, provider: 'mock' })),
  fail: (job) =>
    db.transaction().execute((trx) => markFailed(trx, job, { error: 'unsafe_bundle: x', userError: 'unsafe' })),
  // /cancel ends a queued job itself; a running one is ended by its worker once it stopped.
  cancel: (job) =>
    job.status === 'running'
      ? db.transaction().execute((trx) => markCancelled(trx, job, 'cancelled: by the user'))
      : db
          .transaction()
          .execute(async (trx) => (await requestCancel(trx, { chatId: job.chat_id, userId: job.user_id! })).length > 0),
  retryByOperator: async (job) => (await db.transaction().execute((trx) => retryByOperator(trx, [job.id]))).length > 0,
  resumeAfterRestart: async (job) => (await resumeAfterRestart(db)) > 0 && (await statusOf(job.id)) === 'queued',
};

/**
 * The state machine as docs/architecture.md states it, written out here (not read from TRANSITIONS), so a change
 * to the table or to a transition's SQL shows up as a failing case. A running job in these cases
 * holds a live lease: only its own attempt may change it, so another worker's claim is refused.
 */
const EXPECTED: Record<keyof typeof apply, { appliesFrom: JobStatus[]; to: JobStatus }> = {
  claim: { appliesFrom: ['queued'], to: 'running' },
  renewLease: { appliesFrom: ['running'], to: 'running' },
  retryLater: { appliesFrom: ['running'], to: 'queued' },
  succeed: { appliesFrom: ['running'], to: 'done' },
  fail: { appliesFrom: ['running'], to: 'failed' },
  cancel: { appliesFrom: ['queued', 'running'], to: 'cancelled' },
  retryByOperator: { appliesFrom: ['failed', 'queued'], to: 'queued' },
  resumeAfterRestart: { appliesFrom: ['queued', 'running'], to: 'queued' },
};

describe('the job state machine', () => {
  const cases = Object.entries(apply).flatMap(([name, run]) =>
    STATUSES.map((from) => ({ name: name as keyof typeof apply, run, from })),
  );

  it.each(cases)('$name from $from: applies exactly when the state machine allows it', async ({ name, run, from }) => {
    const job = await jobIn(from);
    const { appliesFrom, to } = EXPECTED[name];
    const applies = appliesFrom.includes(from);

    expect(await run(job)).toBe(applies);
    expect(await statusOf(job.id)).toBe(applies ? to : from);
    expect(TRANSITIONS[name].to).toBe(to);
    if (applies && to !== from) expect(mayFollow(from, to)).toBe(true);
  });

  it('no transition leads out of done or cancelled, and only an operator brings a failed job back', () => {
    for (const to of STATUSES) {
      expect(mayFollow('done', to)).toBe(false);
      expect(mayFollow('cancelled', to)).toBe(false);
      expect(mayFollow('failed', to)).toBe(to === 'queued');
    }
  });
});

describe('enqueue', () => {
  it('makes queued jobs in the order asked, each with one outbox row naming it', async () => {
    const jobs = await db.transaction().execute((trx) =>
      enqueueJobs(
        trx,
        ['first', 'second', 'third'].map((prompt, i) => ({
          updateId: null,
          chatId: 5_000 + i,
          userId: 5_000 + i,
          prompt,
        })),
      ),
    );
    expect(jobs.map((job) => [job.prompt, job.status, job.attempts])).toEqual([
      ['first', 'queued', 0],
      ['second', 'queued', 0],
      ['third', 'queued', 0],
    ]);
    for (const job of jobs) expect(await outboxRows(job.id)).toEqual([{ payload: { jobId: job.id } }]);
  });

  it('drops U+0000 from a prompt, which PostgreSQL text cannot hold', async () => {
    const [job] = await db
      .transaction()
      .execute((trx) => enqueueJobs(trx, [{ updateId: null, chatId: 5_100, userId: 5_100, prompt: 'a\u0000 site' }]));
    expect(job!.prompt).toBe('a site');
  });

  it('writes nothing when the transaction around it rolls back', async () => {
    const chatId = 5_200;
    await expect(
      db.transaction().execute(async (trx) => {
        await enqueueJobs(trx, [{ updateId: null, chatId, userId: chatId, prompt: 'a site' }]);
        throw new Error('the update could not be recorded');
      }),
    ).rejects.toThrow();
    expect(await db.selectFrom('jobs').select('id').where('chat_id', '=', chatId).execute()).toEqual([]);
  });
});

describe('claim and lease', () => {
  it('takes over a running job whose lease lapsed, as its next attempt', async () => {
    const job = await jobIn('running', { leaseMs: -1000 });
    const claim = await claimJob(db, job.id, LEASE_MS);
    expect(claim.kind === 'claimed' && claim.job.attempts).toBe(2);
  });

  it('tells a second claimer how long the live lease has left, by the database clock', async () => {
    const job = await jobIn('running', { leaseMs: 10_000 });
    const claim = await claimJob(db, job.id, LEASE_MS);
    expect(claim.kind).toBe('busy');
    expect(claim.kind === 'busy' && claim.leaseLeftMs).toBeGreaterThan(5_000);
    expect(claim.kind === 'busy' && claim.leaseLeftMs).toBeLessThanOrEqual(10_000);
  });

  it('renews only the attempt that holds the job: after a takeover the old worker is refused', async () => {
    const job = await jobIn('running', { leaseMs: -1000 });
    const takeover = await claimJob(db, job.id, LEASE_MS);
    expect(takeover.kind).toBe('claimed');
    expect(await renewLease(db, job, LEASE_MS)).toBe(false);
    expect(await renewLease(db, takeover.kind === 'claimed' ? takeover.job : job, LEASE_MS)).toBe(true);
    expect(await db.transaction().execute((trx) => markFailed(trx, job, { error: 'late', userError: null }))).toBe(
      false,
    );
  });

  it('says with the claim when the chat blocked the bot', async () => {
    const job = await jobIn('queued');
    await markBotBlocked(db, job.chat_id, true);
    const claim = await claimJob(db, job.id, LEASE_MS);
    expect(claim.kind === 'claimed' && claim.chatBlocked).toBe(true);
  });
});

describe('cancel, retry and resume', () => {
  it('/cancel ends a queued job at once and only marks a running one for its worker', async () => {
    const userId = 6_000;
    const queued = await jobIn('queued', { userId });
    const running = await db
      .updateTable('jobs')
      .set({ chat_id: queued.chat_id })
      .where('id', '=', (await jobIn('running', { userId })).id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const stopped = await db.transaction().execute((trx) => requestCancel(trx, { chatId: queued.chat_id, userId }));
    expect(stopped.map((job) => [job.id, job.status]).sort()).toEqual(
      [
        [queued.id, 'cancelled'],
        [running.id, 'running'],
      ].sort(),
    );
    const marked = await db
      .selectFrom('jobs')
      .select('cancel_requested_at')
      .where('id', '=', running.id)
      .executeTakeFirstOrThrow();
    expect(marked.cancel_requested_at).not.toBeNull();
    // Asked once: a second /cancel finds nothing left to stop.
    expect(await db.transaction().execute((trx) => requestCancel(trx, { chatId: queued.chat_id, userId }))).toEqual([]);
  });

  it('an operator retry starts the job afresh, with a new outbox row', async () => {
    const job = await jobIn('failed');
    await db.transaction().execute((trx) => retryByOperator(trx, [job.id]));
    const row = await db.selectFrom('jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'queued', attempts: 0, finished_at: null, result_message_id: null });
    expect(await outboxRows(job.id)).toEqual([{ payload: { jobId: job.id } }]);
  });

  it('resuming after a restart puts running jobs back in line, each with an outbox row', async () => {
    const job = await jobIn('running');
    await resumeAfterRestart(db);
    const row = await db.selectFrom('jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'queued', lease_until: null });
    expect(await outboxRows(job.id)).toHaveLength(1);
  });

  it('resuming after a restart sends again a finished site whose message was waiting for its picture, and nothing else finished', async () => {
    const waiting = await jobIn('done');
    await db.updateTable('jobs').set({ render_until: new Date() }).where('id', '=', waiting.id).execute();
    const answered = await jobIn('done');
    await db
      .updateTable('jobs')
      .set({ render_until: new Date(), result_message_id: 77 })
      .where('id', '=', answered.id)
      .execute();
    const linkOnly = await jobIn('done');
    await resumeAfterRestart(db);
    expect(await statusOf(waiting.id)).toBe('done');
    expect(await outboxRows(waiting.id)).toEqual([{ payload: { jobId: waiting.id } }]);
    expect(await outboxRows(answered.id)).toEqual([]);
    expect(await outboxRows(linkOnly.id)).toEqual([]);
  });
});
