import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * Kysely dialect for embedded PGlite. PGlite has exactly one connection, so every query and every
 * transaction takes a lock on it: a transaction holds the connection from BEGIN to COMMIT and nothing
 * else interleaves (kysely-pglite 0.6 let another query run inside an open transaction).
 */
export class PgliteDialect implements Dialect {
  private driver: PgliteDriver | undefined;

  /** `onDestroy` runs once the client is closed (the embedded database is given up). */
  constructor(
    private readonly open: () => Promise<PGlite>,
    private readonly onDestroy: () => void = () => undefined,
  ) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return (this.driver = new PgliteDriver(this.open, this.onDestroy));
  }
  /**
   * Runs `work` on the PGlite client while no query or transaction of this Kysely instance runs (it
   * holds the one connection), e.g. to copy the data directory. The instance must have run a query.
   */
  exclusive<T>(work: (client: PGlite) => Promise<T>): Promise<T> {
    if (!this.driver) throw new Error('the embedded database is not open yet');
    return this.driver.exclusive(work);
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Dialect's own signature: any schema
  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class PgliteDriver implements Driver {
  private client: PGlite | undefined;
  private readonly lock = new ConnectionLock();
  private connection: PgliteConnection | undefined;

  constructor(
    private readonly open: () => Promise<PGlite>,
    private readonly onDestroy: () => void,
  ) {}

  async init(): Promise<void> {
    this.client = await this.open();
    this.connection = new PgliteConnection(this.client);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.lock.acquire();
    return this.connection!;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await connection.executeQuery(CompiledQuery.raw(`begin${isolation}`));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
  releaseConnection(): Promise<void> {
    this.lock.release();
    return Promise.resolve();
  }
  async destroy(): Promise<void> {
    await this.client?.close();
    this.client = undefined;
    this.onDestroy();
  }

  async exclusive<T>(work: (client: PGlite) => Promise<T>): Promise<T> {
    await this.lock.acquire();
    try {
      if (!this.client) throw new Error('the embedded database is closed');
      return await work(this.client);
    } finally {
      this.lock.release();
    }
  }
}

class PgliteConnection implements DatabaseConnection {
  constructor(private readonly client: PGlite) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.client.query<R>(query.sql, [...query.parameters], { rowMode: 'object' });
    return {
      rows: result.rows,
      // Kysely reads numAffectedRows for update/delete/insert results; PGlite reports it as affectedRows.
      numAffectedRows: result.affectedRows === undefined ? undefined : BigInt(result.affectedRows),
    };
  }

  streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite dialect does not support streaming queries');
  }
}

/** A FIFO mutex: waiters get the connection in the order they asked for it. */
class ConnectionLock {
  private held = false;
  private readonly waiters: Array<() => void> = [];

  acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.held = false;
  }
}
