import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram } from '../support/fake-telegram.ts';
import { spawnApi, type ServiceProcess } from '../support/service-process.ts';
import { TEST_RABBITMQ_URL } from '../support/services.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { testQueueNames } from '../support/test-queue.ts';
import { textUpdate } from '../support/updates.ts';
import { until } from '../support/until.ts';
import { deliverUpdate, type DeliveryOutcome } from '../support/webhook-delivery.ts';

const SECRET = 'api-crash-secret';
/** Requests in flight at once, as Telegram's many webhook connections would keep them. */
const IN_FLIGHT = 48;

let database: TestDatabase;
let telegram: Awaited<ReturnType<typeof startFakeTelegram>>;
const queues = testQueueNames(2000);
const processes: ServiceProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  telegram = await startFakeTelegram();
});
afterAll(async () => {
  for (const api of processes) api.kill('SIGKILL');
  await Promise.all(processes.map((api) => api.exited));
  await queues.delete();
  await telegram?.close();
  await database?.drop();
});

/** The api as `npm run api` runs it, as a process of its own; resolves with its URL once it listens. */
async function startApiProcess(): Promise<{ process: ServiceProcess; url: string }> {
  const api = spawnApi({
    DATABASE_URL: database.url,
    RABBITMQ_URL: TEST_RABBITMQ_URL,
    QUEUE_PREFIX: queues.prefix,
    TELEGRAM_BOT_TOKEN: '123456:CRASH-token',
    TELEGRAM_SECRET_TOKEN: SECRET,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    WEBHOOK_URL: 'https://api.test.invalid/telegram/webhook',
    QUOTA_JOBS_PER_HOUR: '0',
    QUOTA_JOBS_PER_DAY: '0',
    QUOTA_RUNNING_JOBS: '0',
    LOG_LEVEL: 'info',
  });
  processes.push(api);
  const line = await api.ready;
  return { process: api, url: String(line.url) };
}

type Update = ReturnType<typeof textUpdate>;
const deliver = (url: string, update: Update) => deliverUpdate(url, SECRET, update);

describe('the api killed with SIGKILL under load', { timeout: 180_000 }, () => {
  it('loses nothing it answered 200: every such update is recorded and becomes exactly one job; what it did not answer, delivered again, becomes one job too', async () => {
    const first = await startApiProcess();
    const sent: Update[] = [];
    const outcomes = new Map<number, DeliveryOutcome>();
    let stopping = false;
    // Telegram's side: updates keep coming on many connections until the api stops answering.
    const senders = Array.from({ length: IN_FLIGHT }, async () => {
      while (!stopping) {
        const update = textUpdate(`a site for shop ${sent.length}`);
        sent.push(update);
        outcomes.set(update.update_id, await deliver(first.url, update));
      }
    });
    // Mid-stream: group commits and inbox batches are in flight when it dies.
    await until(() => [...outcomes.values()].filter((o) => o === 200).length >= 1500, 90_000);
    first.process.kill('SIGKILL');
    expect((await first.process.exited).signal).toBe('SIGKILL');
    stopping = true;
    await Promise.all(senders);

    const answered = sent.filter((u) => outcomes.get(u.update_id) === 200);
    const unanswered = sent.filter((u) => outcomes.get(u.update_id) !== 200);
    console.log(`api crash: ${answered.length} updates answered 200 before the kill, ${unanswered.length} not`);

    // Every update answered 200 is in the inbox already, before any restart.
    const recorded = new Set(
      (await database.db.selectFrom('updates').select('update_id').execute()).map((row) => row.update_id),
    );
    expect(answered.filter((u) => !recorded.has(u.update_id))).toEqual([]);

    // Telegram delivers again what was not answered 200; the restarted api takes over the inbox.
    const second = await startApiProcess();
    for (const update of unanswered) {
      let outcome = await deliver(second.url, update);
      while (outcome !== 200) outcome = await deliver(second.url, update);
    }
    await until(async () => {
      const { rows } = await sql<{ waiting: string }>`
        select (select count(*) from updates where processed_at is null)
             + (select count(*) from outbox where published_at is null) as waiting`.execute(database.db);
      return Number(rows[0]!.waiting) === 0;
    }, 60_000);

    const jobs = await database.db.selectFrom('jobs').select(['id', 'update_id']).execute();
    const jobsByUpdate = new Map<number, number>();
    for (const job of jobs) jobsByUpdate.set(job.update_id!, (jobsByUpdate.get(job.update_id!) ?? 0) + 1);
    expect(sent.filter((u) => jobsByUpdate.get(u.update_id) !== 1)).toEqual([]);
    expect(jobs).toHaveLength(sent.length);
    // Each job reached the queue; a publish confirmed just before the kill but not yet marked goes
    // out once more after the restart (the worker's claim makes that copy harmless).
    const messages = await queues.drainJobs();
    const published = new Set(messages.map((m) => m.jobId));
    expect(jobs.filter((job) => !published.has(job.id))).toEqual([]);
    console.log(`api crash: ${jobs.length} jobs, ${messages.length} queue messages`);
  });
});
