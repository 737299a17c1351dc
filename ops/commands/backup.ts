import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { claimEmbeddedDatabase } from '../../shared/db/embedded-owner.ts';
import { restoreEmbeddedDatabase } from '../../shared/db/embedded-backup.ts';
import { OpsError } from '../ops-errors.ts';

/** Writes the backup `dump` makes to `file`, which must not exist yet (a backup never overwrites one). */
export async function writeBackup(file: string, dump: () => Promise<Uint8Array>) {
  const bytes = await dump();
  try {
    await writeFile(file, bytes, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new OpsError(`${file} exists already; name a new file for the backup`);
    throw error;
  }
  return { backup: path.resolve(file), bytes: bytes.byteLength };
}

/**
 * Replaces the embedded database under `dataDir` with the backup in `file`, holding the database
 * while it does (so it refuses while npm start or another process has it open).
 */
export async function restoreBackup(dataDir: string, file: string) {
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new OpsError(`cannot read ${file}: ${error.code ?? error.message}`);
  });
  const claim = claimEmbeddedDatabase(dataDir, 'npm run ops -- restore');
  try {
    const { database, previous } = await restoreEmbeddedDatabase(dataDir, new Uint8Array(bytes));
    return { restored: path.resolve(file), database, previous: previous ?? null };
  } finally {
    claim.release();
  }
}
