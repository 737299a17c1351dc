import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Kysely, PostgresDialect, type Dialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config/index.ts';
import type { Logger } from '../log/index.ts';
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
export function connectDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  options: { poolSize?: number; log?: Logger } = {},
): Kysely<Database> {
  return new Kysely<Database>({ dialect: createDialect(config, options.poolSize ?? 10, options.log) });
}

function createDialect(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  poolSize: number,
  log: Logger | undefined,
): Dialect {
  if (config.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: poolSize,
      connectionTimeoutMillis: 5000,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8_OID
            ? parseInt8
            : (pg.types.getTypeParser(oid, format) as (value: string) => unknown)) as typeof pg.types.getTypeParser,
      },
    });
    // A connection PostgreSQL drops (restart, failover, terminated backend) emits 'error' on its
    // client — and, while idle in the pool, on the pool too. Unheard, either would crash the process.
    // The query in flight fails on its own (a 5xx for a webhook, a retry for a job), pg discards
    // the broken client, and the next query opens a new connection: noting it is enough.
    pool.on('connect', (client) =>
      client.on('error', (error) => log?.warn({ err: error }, 'a database connection was lost')),
    );
    pool.on('error', () => undefined); // already logged by the client's own listener above
    return new PostgresDialect({ pool });
  }
  const dir = path.resolve(config.dataDir, 'pglite');
  return new PgliteDialect(async () => {
    await mkdir(dir, { recursive: true });
    const { PGlite } = await importPglite();
    const client = new PGlite(dir, { parsers: { [INT8_OID]: parseInt8 } });
    await client.waitReady;
    return client;
  });
}

export type { Database };

/**
 * PGlite is a development dependency: `npm install` brings it for `npm start`, while the production
 * image (`npm ci --omit=dev`) runs against PostgreSQL and does not carry it.
 */
async function importPglite(): Promise<typeof import('@electric-sql/pglite')> {
  try {
    return await import('@electric-sql/pglite');
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new Error(
      'DATABASE_URL is not set, and the embedded database (@electric-sql/pglite, a development dependency) is not installed here: set DATABASE_URL, or run `npm install`',
      { cause: error },
    );
  }
}
