import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../api/start-api.ts';
import { anyOf } from '../../shared/db/any-of.ts';
import { connectDatabase } from '../../shared/db/connect.ts';
import { connectQueue } from '../../shared/queue/index.ts';
import { startApiUnderTest, type ApiUnderTest } from '../support/api-under-test.ts';
import { TEST_RABBITMQ_URL } from '../support/services.ts';
import { testConfig, testLogger } from '../support/test-config.ts';
import { untilHandled } from '../support/inbox.ts';
import { textUpdate } from '../support/updates.ts';
import { until } from '../support/until.ts';

const SECRET = 'inbox-processing-secret';
let system: ApiUnderTest;

beforeAll(async () => {
  system = await startApiUnderTest(SECRET);
});
afterAll(() => system?.close());

const post = (update: unknown, url = system.api.url) =>
  fetch(`${url}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify(update),
  });

const db = () => system.database.db;
const jobsOf = (updateId: number) => db().selectFrom('jobs').select('id').where('update_id', '=', updateId).execute();
const outboxOf = (jobId: string) => db().selectFrom('outbox').select('id').where('job_id', '=', jobId).execute();

describe('the inbox processor', () => {
  it('handles a burst in batches: every update becomes one job with one outbox row, each update marked processed and its payload dropped', async () => {
    const updates = Array.from({ length: 400 }, (_, i) => textUpdate(`a site for shop ${i}`));
    const statuses = await Promise.all(updates.map(async (u) => (await post(u)).status));
    expect(statuses.every((status) => status === 200)).toBe(true);
    for (const u of updates) await untilHandled(db(), u.update_id);

    const rows = await db()
      .selectFrom('updates')
      .leftJoin('jobs', 'jobs.update_id', 'updates.update_id')
      .select(['updates.payload', 'jobs.id as job_id'])
      .where(
        'updates.update_id',
        'in',
        updates.map((u) => u.update_id),
      )
      .execute();
    expect(rows).toHaveLength(400);
    expect(rows.every((row) => row.payload === null && row.job_id !== null)).toBe(true);
    for (const row of rows.slice(0, 20)) expect(await outboxOf(row.job_id!)).toHaveLength(1);
  });

  it('an update whose handling fails holds up nothing: the others of its batch become jobs, it is kept with the reason, nothing of it written, and handled once the failure clears', async () => {
    // The job insert fails for one update, as a bug or a broken row would make it fail.
    await sql`create function refuse_job() returns trigger language plpgsql as $$ begin raise exception 'this job cannot be stored'; end $$`.execute(
      db(),
    );
    await sql`create trigger refuse_job before insert on jobs for each row when (new.prompt = 'a poisoned site') execute function refuse_job()`.execute(
      db(),
    );
    const poisoned = textUpdate('a poisoned site');
    const others = Array.from({ length: 20 }, (_, i) => textUpdate(`a healthy site ${i}`));
    try {
      const statuses = await Promise.all([poisoned, ...others].map(async (u) => (await post(u)).status));
      expect(statuses.every((status) => status === 200)).toBe(true);
      for (const u of others) await untilHandled(db(), u.update_id);
      for (const u of others) expect(await jobsOf(u.update_id)).toHaveLength(1);

      await until(async () => {
        const row = await db()
          .selectFrom('updates')
          .select('attempts')
          .where('update_id', '=', poisoned.update_id)
          .executeTakeFirstOrThrow();
        return row.attempts > 0;
      });
      const kept = await db()
        .selectFrom('updates')
        .select(['processed_at', 'failure', 'payload'])
        .where('update_id', '=', poisoned.update_id)
        .executeTakeFirstOrThrow();
      expect(kept.processed_at).toBeNull();
      expect(kept.failure).toContain('this job cannot be stored');
      expect(kept.payload).not.toBeNull();
      expect(await jobsOf(poisoned.update_id)).toEqual([]);
      const strays = await db()
        .selectFrom('outbox')
        .leftJoin('jobs', 'jobs.id', 'outbox.job_id')
        .select('outbox.id')
        .where('jobs.id', 'is', null)
        .execute();
      expect(strays).toEqual([]);
    } finally {
      await sql`drop trigger refuse_job on jobs`.execute(db());
      await sql`drop function refuse_job()`.execute(db());
    }

    // Tried again once its retry is due: one job, one outbox row.
    await untilHandled(db(), poisoned.update_id, 30_000);
    const [job] = await jobsOf(poisoned.update_id);
    expect(job).toBeDefined();
    expect(await outboxOf(job!.id)).toHaveLength(1);
  });

  it('shares the inbox with other api processes: each update left in it, and each arriving at any, is handled by one of them', async () => {
    // Left in the inbox by an api process that died: nobody's hints, every process scans for them.
    const leftOver = Array.from({ length: 1000 }, (_, i) => textUpdate('/help', { chatId: 3_000_000 + i }));
    await db()
      .insertInto('updates')
      .values(leftOver.map((u) => ({ update_id: u.update_id, kind: 'message', payload: JSON.stringify(u) })))
      .execute();
    // Two more replicas behind the same load balancer, starting together: each with its own pool,
    // queue connection and bot, each scanning the inbox at once.
    const config = testConfig({
      DATABASE_URL: system.database.url,
      RABBITMQ_URL: TEST_RABBITMQ_URL,
      QUEUE_PREFIX: system.queues.prefix,
      TELEGRAM_BOT_TOKEN: '123456:TEST-token',
      TELEGRAM_SECRET_TOKEN: SECRET,
      TELEGRAM_API_ROOT: system.telegram.apiRoot,
    });
    const replicas = await Promise.all(
      [1, 2].map(async (n) => {
        const replicaDb = connectDatabase(config);
        const queue = await connectQueue(config, testLogger(), `api-replica-${n}`);
        const api = await startApi(config, { db: replicaDb, queue, log: testLogger() });
        return { api, queue, db: replicaDb };
      }),
    );
    const replica = replicas[0]!.api;
    try {
      const updates = Array.from({ length: 300 }, (_, i) => textUpdate(`a site for replica shop ${i}`));
      // Each delivered to one replica, and a third of them to the other as well.
      const statuses = await Promise.all(
        updates.flatMap((u, i) => [
          post(u, i % 2 ? replica.url : system.api.url),
          ...(i % 3 === 0 ? [post(u, i % 2 ? system.api.url : replica.url)] : []),
        ]),
      );
      expect(statuses.every((response) => response.status === 200)).toBe(true);
      for (const u of [...leftOver, ...updates]) await untilHandled(db(), u.update_id);

      expect(
        await db()
          .selectFrom('jobs')
          .select('id')
          .where('update_id', '=', anyOf(updates.map((u) => u.update_id)))
          .execute(),
      ).toHaveLength(300);
      const answered = (u: (typeof leftOver)[number]) => system.telegram.messagesTo(u.message.chat.id).length;
      // Acknowledgements of 300 jobs take turns at Telegram's 30 messages a second.
      await until(() => leftOver.every((u) => answered(u) > 0), 60_000);
      await new Promise((r) => setTimeout(r, 500));
      expect(leftOver.filter((u) => answered(u) !== 1)).toEqual([]);
    } finally {
      for (const r of replicas) {
        await r.api.close();
        await r.queue.close();
        await r.db.destroy();
      }
    }
  });
});
