import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { embeddedDatabase, importPglite } from './connect.ts';
import type { Database } from './schema.ts';

/**
 * Backups of the embedded database (PGlite): a gzipped tar of its data directory, as PGlite's own
 * dumpDataDir makes it and its loadDataDir reads it. PostgreSQL has pg_dump for this.
 */

/**
 * A consistent copy of the embedded database `db` opened, made while it runs: with the one
 * connection held (no query or transaction in between) and after a checkpoint, the files are
 * copied in one go.
 */
export async function dumpEmbeddedDatabase(db: Kysely<Database>): Promise<Uint8Array<ArrayBuffer>> {
  const embedded = embeddedDatabase(db);
  if (!embedded) throw new Error('not an embedded database');
  return embedded.exclusive(async (client) => {
    await client.exec('checkpoint');
    const tarball = await client.dumpDataDir('gzip');
    return new Uint8Array(await tarball.arrayBuffer());
  });
}

/**
 * Replaces the embedded database under `dataDir` with `backup`. The backup is loaded into a folder
 * of its own first, so one that does not load changes nothing; then the current database is moved
 * aside (returned as `previous`) and the restored one takes its place. The caller holds the
 * database (claimEmbeddedDatabase): nothing may have it open.
 */
export async function restoreEmbeddedDatabase(
  dataDir: string,
  backup: Uint8Array<ArrayBuffer>,
): Promise<{ database: string; previous: string | undefined }> {
  const database = path.resolve(dataDir, 'pglite');
  const staging = `${database}.restoring`;
  rmSync(staging, { recursive: true, force: true });
  try {
    const { PGlite } = await importPglite();
    const client = new PGlite(staging, { loadDataDir: new Blob([backup], { type: 'application/x-gzip' }) });
    await client.waitReady;
    await client.query('select 1');
    await client.close();
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`the backup could not be loaded: ${error instanceof Error ? error.message : 'unknown error'}`, {
      cause: error,
    });
  }
  const previous = existsSync(database)
    ? `${database}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`
    : undefined;
  if (previous) renameSync(database, previous);
  renameSync(staging, database);
  return { database, previous };
}
