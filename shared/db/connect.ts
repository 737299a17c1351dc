import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql, type Dialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config/index.ts';
import type { Logger } from '../log/index.ts';
import { claimEmbeddedDatabase, EmbeddedDatabaseInUse, type EmbeddedClaim } from './embedded-owner.ts';
import { PgliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

/**
 * int8 columns hold Telegram ids (at most 52 significant bits, per the Bot API) and bigserial ids:
 * both fit a JS number exactly, so both drivers return numbers.
 */
const INT8_OID = 20;
const parseInt8 = (value: string) => Number(value);

export interface ConnectOptions {
  poolSize?: number;
  log?: Logger;
  /**
   * Embedded database only: what this process is, named to any other process refused while it holds
   * the database (`npm start`, `npm run ops`, …). Default: the script node runs.
   */
  holder?: string;
}

/** An embedded database this process opened: who it is to others, and exclusive access to it. */
export interface EmbeddedDatabase {
  claim: EmbeddedClaim;
  exclusive<T>(work: (client: PGlite) => Promise<T>): Promise<T>;
}

const embedded = new WeakMap<Kysely<Database>, EmbeddedDatabase>();

/**
 * The database port is `Kysely<Database>`; only the dialect changes: pg for a real PostgreSQL,
 * PGlite (embedded, files under DATA_DIR) when DATABASE_URL is unset. The embedded database belongs
 * to one process at a time: opening it claims DATA_DIR/pglite.owner.json at once, or throws
 * EmbeddedDatabaseInUse naming the process that holds it (see embedded-owner.ts).
 */
export function connectDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  options: ConnectOptions = {},
): Kysely<Database> {
  if (config.databaseUrl) {
    return new Kysely<Database>({ dialect: postgresDialect(config.databaseUrl, options.poolSize ?? 10, options.log) });
  }
  mkdirSync(config.dataDir, { recursive: true });
  const claim = claimEmbeddedDatabase(config.dataDir, options.holder ?? defaultHolder());
  const dialect = pgliteDialect(path.resolve(config.dataDir, 'pglite'), claim);
  const db = new Kysely<Database>({ dialect });
  embedded.set(db, {
    claim,
    async exclusive(work) {
      await sql`select 1`.execute(db); // opens the client if no query has yet
      return dialect.exclusive(work);
    },
  });
  return db;
}

/**
 * For entry points: connectDatabase, or, when another process holds the embedded database, one line
 * on stderr saying which and exit 1 (no stack trace).
 */
export function connectDatabaseOrExit(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  options: ConnectOptions = {},
): Kysely<Database> {
  try {
    return connectDatabase(config, options);
  } catch (error) {
    if (!(error instanceof EmbeddedDatabaseInUse)) throw error;
    process.stderr.write(`${error.message}; stop it, or give this process a DATA_DIR of its own\n`);
    process.exit(1);
  }
}

/** The embedded database behind `db`, or undefined for PostgreSQL. */
export function embeddedDatabase(db: Kysely<Database>): EmbeddedDatabase | undefined {
  return embedded.get(db);
}

function defaultHolder(): string {
  return `node ${path.relative(process.cwd(), process.argv[1] ?? '') || 'process'}`;
}

function postgresDialect(connectionString: string, poolSize: number, log: Logger | undefined): Dialect {
  const pool = new pg.Pool({
    connectionString,
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

/** PGlite on `dir`; closing it gives the claim up. */
function pgliteDialect(dir: string, claim: EmbeddedClaim): PgliteDialect {
  return new PgliteDialect(
    async () => {
      mkdirSync(dir, { recursive: true });
      const { PGlite } = await importPglite();
      const client = new PGlite(dir, { parsers: { [INT8_OID]: parseInt8 } });
      await client.waitReady;
      return client;
    },
    () => claim.release(),
  );
}

export type { Database };

/**
 * PGlite is a development dependency: `npm install` brings it for `npm start`, while the production
 * image (`npm ci --omit=dev`) runs against PostgreSQL and does not carry it.
 */
export async function importPglite(): Promise<typeof import('@electric-sql/pglite')> {
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
