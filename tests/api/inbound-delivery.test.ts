import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiUnderTest, type ApiUnderTest } from '../support/api-under-test.ts';
import { untilHandled } from '../support/inbox.ts';
import type { TestDatabase } from '../support/test-database.ts';
import { textUpdate } from '../support/updates.ts';
import { until } from '../support/until.ts';

const SECRET = 'inbound-secret_42';

let database: TestDatabase;
let api: ApiUnderTest['api'];
let queues: ApiUnderTest['queues'];
let system: ApiUnderTest;

beforeAll(async () => {
  system = await startApiUnderTest(SECRET);
  ({ database, api, queues } = system);
});

afterAll(() => system?.close());

const post = (update: unknown) =>
  fetch(`${api.url}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify(update),
  });

const rowsFor = async (updateId: number) => ({
  updates: await database.db.selectFrom('updates').select('update_id').where('update_id', '=', updateId).execute(),
  jobs: await database.db.selectFrom('jobs').select('id').where('update_id', '=', updateId).execute(),
});

describe('inbound: Telegram → one job, however often the update arrives', () => {
  it('50 copies of one update fired at once make exactly one job, one outbox row and one queue message', async () => {
    const update = textUpdate('a site for a climbing gym');
    const responses = await Promise.all(Array.from({ length: 50 }, () => post(update)));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    await untilHandled(database.db, update.update_id);

    const { jobs } = await rowsFor(update.update_id);
    expect(jobs).toHaveLength(1);
    const outbox = await database.db
      .selectFrom('outbox')
      .select(['id', 'published_at'])
      .where('job_id', '=', jobs[0]!.id)
      .execute();
    expect(outbox).toHaveLength(1);

    await until(
      async () =>
        (
          await database.db
            .selectFrom('outbox')
            .select('published_at')
            .where('job_id', '=', jobs[0]!.id)
            .executeTakeFirstOrThrow()
        ).published_at !== null,
    );
    const messages = (await queues.drainJobs()).filter((m) => m.jobId === jobs[0]!.id);
    expect(messages).toHaveLength(1);
  });

  it('a failure while recording answers 503 to every update of the batch and records none of them; the redelivery then records each once', async () => {
    // The inbox's INSERT fails for one update, as a lost database would for all: its whole batch fails.
    const poisoned = textUpdate('a site for a dance school');
    await sql`create function refuse_update() returns trigger language plpgsql as $$ begin raise exception 'inbox unavailable'; end $$`.execute(
      database.db,
    );
    await sql`create trigger refuse_update before insert on updates for each row when (new.update_id = ${sql.lit(poisoned.update_id)}) execute function refuse_update()`.execute(
      database.db,
    );
    const others = Array.from({ length: 30 }, (_, i) => textUpdate(`a site for studio ${i}`));
    let statuses: number[];
    try {
      statuses = (await Promise.all([poisoned, ...others].map(post))).map((response) => response.status);
    } finally {
      await sql`drop trigger refuse_update on updates`.execute(database.db);
      await sql`drop function refuse_update()`.execute(database.db);
    }
    expect(statuses[0]).toBe(503);
    expect(new Set(statuses)).toEqual(new Set(statuses.filter((status) => status === 200 || status === 503)));
    const refused = [poisoned, ...others].filter((_, i) => statuses[i] === 503);
    for (const update of refused) expect(await rowsFor(update.update_id)).toEqual({ updates: [], jobs: [] });

    // Telegram delivers again what was answered 5xx.
    for (const update of refused) expect((await post(update)).status).toBe(200);
    for (const update of [poisoned, ...others]) {
      await untilHandled(database.db, update.update_id);
      const { updates, jobs } = await rowsFor(update.update_id);
      expect(updates).toHaveLength(1);
      expect(jobs).toHaveLength(1);
    }
  });

  it('survives PostgreSQL dropping its connections (a restart): the next update is recorded', async () => {
    // Warm the pool, then have the server end every other connection to this database.
    await Promise.all(Array.from({ length: 5 }, () => post(textUpdate('a site for a pottery'))));
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`.execute(
      database.db,
    );
    await new Promise((r) => setTimeout(r, 200));

    const update = textUpdate('a site for a tailor');
    expect((await post(update)).status).toBe(200);
    await untilHandled(database.db, update.update_id);
    expect((await rowsFor(update.update_id)).jobs).toHaveLength(1);
  });
});
