import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inspect } from 'node:util';
import { Migrator, type Kysely, type Migration, type MigrationProvider, type MigrationResult } from 'kysely';

const migrationFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

/** `<timestamp>_<name>.ts` in the sources, `.js` once compiled (`npm run build`); the name is without it. */
const MIGRATION_FILE = /^(\d{14}_[a-z0-9_-]+)\.[jt]s$/;

/**
 * Every `migrations/<timestamp>_<name>`, named by file. Imported from here (not from inside
 * kysely, as FileMigrationProvider would) so the TypeScript loader in use (tsx, vitest) compiles them.
 */
export const migrationFiles: MigrationProvider = {
  async getMigrations() {
    const files = (await readdir(migrationFolder)).filter((f) => MIGRATION_FILE.test(f)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      migrations[MIGRATION_FILE.exec(file)![1]!] = (await import(
        pathToFileURL(path.join(migrationFolder, file)).href
      )) as Migration;
    }
    return migrations;
  },
};

/**
 * Applies every pending migration in `migrations/` (those not yet recorded in kysely_migration), in
 * order; throws with the failing migration's name. Forward only: a database already up to date gets
 * nothing, so running it at every start is safe.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on a schema older than Database
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResult[]> {
  const migrator = new Migrator({ db, provider: migrationFiles });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error');
    const reason = error instanceof Error ? error.message : inspect(error);
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`, { cause: error });
  }
  return results;
}
