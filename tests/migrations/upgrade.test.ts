import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { showJob } from '../../ops/commands/jobs.ts';
import { connectDatabase } from '../../shared/db/connect.ts';
import { migrateToLatest, migrationFiles } from '../../shared/db/migrate.ts';
import type { Database } from '../../shared/db/schema.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/**
 * The upgrade path: a database of the previous release, with data in it, is migrated to today's
 * schema the way every start does it (migrateToLatest), on PostgreSQL and on the embedded database.
 * Every row survives with every value it had, the app reads it, and migrating again changes nothing.
 */

/** The migrations of the previous release: those present at main's commit b03da58. */
const PREVIOUS_RELEASE = [
  '20261122000000_initial',
  '20261122010000_attempt_usage',
  '20261122030000_telegram_send_slots',
  '20261122040000_users',
  '20261122050000_conversations',
];

const JOB_DONE = '11111111-1111-4111-8111-111111111111';
const JOB_FAILED = '22222222-2222-4222-8222-222222222222';
const JOB_QUEUED = '33333333-3333-4333-8333-333333333333';
const PREVIEW = 'abcdefghijklmnopqrstuvwxyz';

/** The previous release's schema, as that release's migrations made it. */
async function migrateToPreviousRelease(db: Kysely<Database>) {
  const provider = {
    async getMigrations() {
      const all = await migrationFiles.getMigrations();
      return Object.fromEntries(
        PREVIOUS_RELEASE.map((name): [string, Migration] => {
          const migration = all[name];
          if (!migration) throw new Error(`migration ${name} of the previous release is missing from migrations/`);
          return [name, migration];
        }),
      );
    },
  };
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
  expect(results?.map((r) => r.migrationName)).toEqual(PREVIOUS_RELEASE);
}

/** Rows a deployment of the previous release holds, written in that release's schema (plain SQL). */
async function seedPreviousRelease(db: Kysely<Database>) {
  await sql`insert into updates (update_id, kind, received_at) values
    (101, 'message', '2026-11-20T10:00:00Z'), (102, 'message', '2026-11-20T10:05:00Z'),
    (103, 'callback_query', '2026-11-20T10:06:00Z')`.execute(db);
  await sql`insert into users (user_id, banned_at, banned_reason, created_at, updated_at, bot_blocked_at) values
    (7, '2026-11-19T08:00:00Z', 'spam', '2026-11-19T08:00:00Z', '2026-11-19T08:00:00Z', null),
    (8, null, null, '2026-11-19T09:00:00Z', '2026-11-19T09:00:00Z', '2026-11-19T09:30:00Z')`.execute(db);
  await sql`insert into jobs (id, update_id, chat_id, user_id, prompt, status, attempts, error, user_error,
      preview_id, status_message_id, result_message_id, created_at, updated_at, started_at, finished_at,
      provider, kind, base_version, version, language_code, request_message_id)
    values
    (${JOB_DONE}, 101, 500, 8, 'a site for a rowing club', 'done', 1, null, null, ${PREVIEW}, 11, 12,
      '2026-11-20T10:00:00Z', '2026-11-20T10:00:40Z', '2026-11-20T10:00:01Z', '2026-11-20T10:00:40Z',
      'openai', 'create', null, 1, 'en', 10),
    (${JOB_FAILED}, 102, 500, 8, 'a site for a chess club', 'failed', 5, 'provider_failed: 503', 'unavailable',
      null, 13, 14, '2026-11-20T10:05:00Z', '2026-11-20T10:09:00Z', '2026-11-20T10:05:01Z', '2026-11-20T10:09:00Z',
      'openai', 'create', null, null, 'ko', 15),
    (${JOB_QUEUED}, 103, 501, 9, 'make the header dark blue', 'queued', 0, null, null, ${PREVIEW}, null, null,
      '2026-11-20T10:06:00Z', '2026-11-20T10:06:00Z', null, null, null, 'revise', 1, null, 'en', 16)`.execute(db);
  await sql`insert into job_attempts (job_id, attempt, outcome, provider, provider_status, error_code, error,
      duration_ms, started_at, finished_at, model, input_tokens, output_tokens, cost_usd) values
    (${JOB_DONE}, 1, 'succeeded', 'openai', 200, null, null, 38000, '2026-11-20T10:00:01Z', '2026-11-20T10:00:39Z',
      'gpt-4o-mini', 1200, 5400, 0.00342),
    (${JOB_FAILED}, 1, 'failed', 'openai', 503, 'provider_failed', 'upstream unavailable', 1200,
      '2026-11-20T10:05:01Z', '2026-11-20T10:05:02Z', 'gpt-4o-mini', null, null, null)`.execute(db);
  await sql`insert into previews (id, job_id, title, summary, created_at, expires_at, deleted_at, latest_version, updated_at)
    values (${PREVIEW}, ${JOB_DONE}, 'Rowing Club', 'A club site', '2026-11-20T10:00:40Z', '2026-12-20T10:00:40Z',
      null, 1, '2026-11-20T10:00:40Z')`.execute(db);
  await sql`insert into preview_versions (preview_id, version, job_id, title, summary, restored_from, created_at)
    values (${PREVIEW}, 1, ${JOB_DONE}, 'Rowing Club', 'A club site', null, '2026-11-20T10:00:40Z')`.execute(db);
  await sql`insert into outbox (job_id, payload, created_at, published_at, publish_attempts) values
    (${JOB_DONE}, ${JSON.stringify({ jobId: JOB_DONE })}::jsonb, '2026-11-20T10:00:00Z', '2026-11-20T10:00:00.5Z', 1),
    (${JOB_QUEUED}, ${JSON.stringify({ jobId: JOB_QUEUED })}::jsonb, '2026-11-20T10:06:00Z', null, 0)`.execute(db);
  await sql`insert into telegram_send_slots (key, next_at) values ('global', '2026-11-20T10:09:00Z')`.execute(db);
}

/** Every table the previous release had, each row as JSON text in a stable order. */
const TABLES = {
  updates: 'update_id',
  users: 'user_id',
  jobs: 'id',
  job_attempts: 'id',
  previews: 'id',
  preview_versions: 'preview_id, version',
  outbox: 'id',
  telegram_send_slots: 'key',
} as const;

async function snapshot(db: Kysely<Database>, columnsOf: Record<string, string[]> = {}) {
  const tables: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries(TABLES)) {
    const columns = columnsOf[table];
    const { rows } = await sql<
      Record<string, unknown>
    >`select ${columns ? sql.join(columns.map((c) => sql.ref(c))) : sql`*`}
      from ${sql.table(table)} order by ${sql.raw(order)}`.execute(db);
    tables[table] = rows.map((row) => JSON.parse(JSON.stringify(row)) as unknown);
  }
  return tables;
}

const columnsOf = (tables: Record<string, unknown[]>) =>
  Object.fromEntries(Object.entries(tables).map(([table, rows]) => [table, Object.keys(rows[0] as object)]));

describe.each([
  ['PostgreSQL', 'postgres'],
  ['the embedded database (PGlite)', 'pglite'],
] as const)('upgrading %s from the previous release', { timeout: 120_000 }, (_name, kind) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  let before: Record<string, unknown[]>;

  beforeAll(async () => {
    if (kind === 'postgres') {
      const database: TestDatabase = await createTestDatabase({ migrated: false });
      db = database.db;
      close = () => database.drop();
    } else {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'ao-upgrade-'));
      db = connectDatabase({ databaseUrl: undefined, dataDir });
      close = async () => {
        await db.destroy();
        await rm(dataDir, { recursive: true, force: true });
      };
    }
    await migrateToPreviousRelease(db);
    await seedPreviousRelease(db);
    before = await snapshot(db);
  }, 120_000);
  afterAll(async () => {
    await close?.();
  });

  it('applies exactly the migrations that came after, each successfully', async () => {
    const all = Object.keys(await migrationFiles.getMigrations());
    const results = await migrateToLatest(db);
    expect(results.map((r) => r.migrationName)).toEqual(all.filter((name) => !PREVIOUS_RELEASE.includes(name)));
    expect(results.every((r) => r.status === 'Success')).toBe(true);
  });

  it('keeps every row of the previous release with every value it had', async () => {
    expect(await snapshot(db, columnsOf(before))).toEqual(before);
  });

  it('leaves the rows readable by today’s code', async () => {
    const job = await showJob(db, JOB_DONE);
    expect(job).toMatchObject({
      job: { id: JOB_DONE, status: 'done', prompt: 'a site for a rowing club' },
      attempts: [{ attempt: 1, provider: 'openai', model: 'gpt-4o-mini', inputTokens: 1200, outputTokens: 5400 }],
      preview: { id: PREVIEW, title: 'Rowing Club' },
    });
  });

  it('is idempotent: migrating again applies nothing and changes nothing', async () => {
    const after = await snapshot(db);
    expect(await migrateToLatest(db)).toEqual([]);
    expect(await snapshot(db)).toEqual(after);
  });
});
