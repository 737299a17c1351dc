import type { Kysely } from 'kysely';
import pg from 'pg';
import { connectDatabase } from '../../shared/db/connect.ts';
import { migrateToLatest } from '../../shared/db/migrate.ts';
import type { Database } from '../../shared/db/schema.ts';
import { TEST_DATABASE_URL, uniqueName } from './services.ts';

export interface TestDatabase {
  db: Kysely<Database>;
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh PostgreSQL database of this test file's own, migrated unless `migrated: false` (for tests
 * of the migrations themselves); `drop` removes it.
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const name = uniqueName('test');
  await admin(`create database ${name}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const db = connectDatabase({ databaseUrl: url.toString(), dataDir: '' });
  if (options.migrated ?? true) await migrateToLatest(db);
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.destroy();
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
