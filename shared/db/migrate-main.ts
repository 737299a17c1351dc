import { loadConfigOrExit } from '../config/index.ts';
import { createLogger } from '../log/index.ts';
import { connectDatabaseOrExit } from './connect.ts';
import { migrateToLatest } from './migrate.ts';

// `npm run migrate` (and the compose `migrations` one-shot): apply pending migrations, then exit.
const config = loadConfigOrExit();
const log = createLogger(config);
const db = connectDatabaseOrExit(config, { poolSize: 1, holder: 'npm run migrate' });
try {
  const results = await migrateToLatest(db);
  for (const r of results) log.info({ migration: r.migrationName, status: r.status }, 'migration');
  log.info({ applied: results.length }, results.length ? 'migrations applied' : 'database is up to date');
} catch (error) {
  log.error({ err: error }, 'migration failed');
  process.exitCode = 1;
} finally {
  await db.destroy();
}
