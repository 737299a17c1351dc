import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, migrationFiles } from '../../shared/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const MIGRATION = '20261207010000_anonymous_admin_authors';
const GROUP_ANONYMOUS_BOT = 1087968824;
const CHANNEL_BOT = 136817688;

let database: TestDatabase;
let migrator: Migrator;
beforeAll(async () => {
  database = await createTestDatabase({ migrated: false });
  migrator = new Migrator({ db: database.db, provider: migrationFiles });
  const names = Object.keys(await migrationFiles.getMigrations()).sort();
  const { error } = await migrator.migrateTo(names[names.indexOf(MIGRATION) - 1]!);
  expect(error).toBeUndefined();
});
afterAll(() => database?.drop());

const authors = async () =>
  (
    await sql<{ prompt: string; user_id: number }>`select prompt, user_id from jobs order by prompt`.execute(
      database.db,
    )
  ).rows.map((row) => [row.prompt, Number(row.user_id)]);

describe(MIGRATION, () => {
  it('gives the jobs of anonymous admins their group as author, leaves every other job, and goes back down', async () => {
    await sql`insert into jobs (chat_id, user_id, prompt) values
      (-1001, ${GROUP_ANONYMOUS_BOT}, 'a: anonymous admin of group 1001'),
      (-1002, ${GROUP_ANONYMOUS_BOT}, 'b: anonymous admin of group 1002'),
      (-1001, 7, 'c: a member of group 1001'),
      (7, 7, 'd: a private chat'),
      (-1001, ${CHANNEL_BOT}, 'e: a channel in group 1001')`.execute(database.db);
    const before = await authors();

    await migrateToLatest(database.db);
    expect(await authors()).toEqual([
      ['a: anonymous admin of group 1001', -1001],
      ['b: anonymous admin of group 1002', -1002],
      ['c: a member of group 1001', 7],
      ['d: a private chat', 7],
      ['e: a channel in group 1001', CHANNEL_BOT],
    ]);

    const names = Object.keys(await migrationFiles.getMigrations()).sort();
    const { error } = await migrator.migrateTo(names[names.indexOf(MIGRATION) - 1]!);
    expect(error).toBeUndefined();
    expect(await authors()).toEqual(before);
  });
});
