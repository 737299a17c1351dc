import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The embedded database (PGlite under DATA_DIR/pglite) may be opened by one process at a time: two
 * would each keep their own copy in memory and overwrite each other's files, losing writes without
 * a word. So whoever opens it first records itself in DATA_DIR/pglite.owner.json (created
 * exclusively), and everyone else is refused with one line naming it. `npm start` also advertises
 * there an admin endpoint on loopback, with a token, through which the ops CLI runs its commands
 * inside the owning process instead. The file is readable by its user only (mode 0600).
 */

const ownerSchema = z.object({
  pid: z.number().int().positive(),
  /** What the process is, for the refusal: `npm start`, `npm run api`, … */
  holder: z.string(),
  admin: z.object({ url: z.url(), token: z.string().min(32) }).optional(),
});

/** Who holds the embedded database, as its owner file says. */
export type EmbeddedOwner = z.infer<typeof ownerSchema>;

/** Another running process holds the embedded database. */
export class EmbeddedDatabaseInUse extends Error {
  constructor(
    readonly owner: EmbeddedOwner,
    readonly dataDir: string,
  ) {
    super(`the embedded database in ${dataDir} is in use by pid ${owner.pid} (${owner.holder})`);
    this.name = 'EmbeddedDatabaseInUse';
  }
}

/** The owner file of a DATA_DIR. */
export function ownerFile(dataDir: string): string {
  return path.resolve(dataDir, 'pglite.owner.json');
}

/**
 * The live process holding the embedded database under `dataDir`, if another one does. A file left
 * by a process that died (SIGKILL, a crash) names no running process and counts as free.
 */
export function embeddedOwner(dataDir: string): EmbeddedOwner | undefined {
  const owner = readOwner(ownerFile(dataDir));
  return owner && owner.pid !== process.pid && isAlive(owner.pid) ? owner : undefined;
}

export interface EmbeddedClaim {
  /** Publishes this process's admin endpoint to the CLI (npm start). */
  advertise(admin: NonNullable<EmbeddedOwner['admin']>): void;
  /** Gives the database up; also done when the process exits. Idempotent. */
  release(): void;
}

/**
 * Records this process as the owner of the embedded database under `dataDir`, or throws
 * EmbeddedDatabaseInUse naming the live one. A stale file (its process is gone) is taken over.
 */
export function claimEmbeddedDatabase(dataDir: string, holder: string): EmbeddedClaim {
  const file = ownerFile(dataDir);
  const mine: EmbeddedOwner = { pid: process.pid, holder };
  if (!createExclusively(file, mine)) {
    const owner = readOwner(file);
    if (owner && owner.pid !== process.pid && isAlive(owner.pid))
      throw new EmbeddedDatabaseInUse(owner, path.resolve(dataDir));
    // Stale. Moved aside rather than deleted, so of two processes taking it over at once only one
    // finds it to move; the other's exclusive create then fails and it reads the new owner.
    try {
      renameSync(file, `${file}.stale`);
    } catch {
      // Another process moved it first.
    }
    if (!createExclusively(file, mine)) {
      const winner = readOwner(file);
      throw new EmbeddedDatabaseInUse(winner ?? { pid: 0, holder: 'another process' }, path.resolve(dataDir));
    }
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    // Only a file that still names this process: never one a later owner wrote.
    if (readOwner(file)?.pid === process.pid) unlinkSync(file);
  };
  process.once('exit', release);
  return {
    advertise(admin) {
      if (released) return;
      // Same owner, one more field: written beside and renamed over, so a reader never sees half a file.
      const next = `${file}.${process.pid}`;
      writeFileSync(next, JSON.stringify({ ...mine, admin }), { mode: 0o600 });
      renameSync(next, file);
    },
    release,
  };
}

/** Written whole beside it, then linked into place: the link fails if the file exists, and a reader never sees half of it. */
function createExclusively(file: string, owner: EmbeddedOwner): boolean {
  const draft = `${file}.${process.pid}`;
  writeFileSync(draft, JSON.stringify(owner), { mode: 0o600 });
  try {
    linkSync(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(draft);
  }
}

function readOwner(file: string): EmbeddedOwner | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return ownerSchema.parse(JSON.parse(text));
  } catch {
    // Half written, or not ours: nobody a refusal could name.
    return undefined;
  }
}

/** Signal 0 checks that the process exists; EPERM means it does, as another user's. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
