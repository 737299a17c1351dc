import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Kysely, PostgresDialect, type Dialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config/index.ts';
import { PgliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

/**
 * int8 columns hold Telegram ids (at most 52 significant bits, per the Bot API) and bigserial ids:
 * both fit a JS number exactly, so both drivers return numbers.
 */
const INT8_OID = 20;
const parseInt8 = (value: string) => Number(value);

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
      pool: new pg.Pool({
        connectionString: config.databaseUrl,
        max: poolSize,
        connectionTimeoutMillis: 5000,
        types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
      }),
    });
  }
  const dir = path.resolve(config.dataDir, 'pglite');
  return new PgliteDialect(async () => {
    await mkdir(dir, { recursive: true });
    const { PGlite } = await import('@electric-sql/pglite');
    const client = new PGlite(dir, { parsers: { [INT8_OID]: parseInt8 } });
    await client.waitReady;
    return client;
  });
}

export type { Database };
