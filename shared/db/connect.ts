import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Kysely, PostgresDialect, type Dialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config/index.ts';
import { PgliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

/** int8 arrives as a string from both drivers, so ids never lose precision. */
const INT8_OID = 20;

/**
 * The database port is `Kysely<Database>`; only the dialect changes: pg for a real PostgreSQL,
 * PGlite (embedded, files under DATA_DIR) when DATABASE_URL is unset.
 */
export function connectDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>, options: { poolSize?: number } = {}): Kysely<Database> {
  return new Kysely<Database>({ dialect: createDialect(config, options.poolSize ?? 10) });
}

function createDialect(config: Pick<Config, 'databaseUrl' | 'dataDir'>, poolSize: number): Dialect {
  if (config.databaseUrl) {
    return new PostgresDialect({
      pool: new pg.Pool({ connectionString: config.databaseUrl, max: poolSize, connectionTimeoutMillis: 5000 }),
    });
  }
  const dir = path.resolve(config.dataDir, 'pglite');
  return new PgliteDialect(async () => {
    await mkdir(dir, { recursive: true });
    const { PGlite } = await import('@electric-sql/pglite');
    const client = new PGlite(dir, { parsers: { [INT8_OID]: (value: string) => value } });
    await client.waitReady;
    return client;
  });
}

export type { Database };
