import type { Config } from '../shared/config/index.ts';
import { embeddedOwner, type EmbeddedOwner } from '../shared/db/embedded-owner.ts';
import { writeBackup } from './commands/backup.ts';
import { OpsError, UsageError } from './ops-errors.ts';
import type { Command } from './parse-command.ts';
import { renderText } from './print-table.ts';
import { usesDatabase } from './run-command.ts';

/** What `POST /ops` answers (ops/admin-server.ts). */
interface OpsAnswer {
  result?: unknown;
  text?: string;
  message?: string;
}

/** A process holding the embedded database that takes ops commands (npm start). */
export type ReachableOwner = EmbeddedOwner & { admin: NonNullable<EmbeddedOwner['admin']> };

/**
 * Where a command runs. With the embedded database (no DATABASE_URL), a command that uses it runs
 * where the database is open: here when no other process holds it (undefined), else in the process
 * that does, through its admin endpoint. A holder without one (npm run api, a migration, another
 * ops command) cannot be reached, and a restore needs the database closed: one line saying so.
 */
export function ownerToRunIn(command: Command, config: Pick<Config, 'databaseUrl' | 'dataDir'>) {
  if (config.databaseUrl || !usesDatabase(command)) return undefined;
  const owner = embeddedOwner(config.dataDir);
  if (!owner) return undefined;
  if (command.name === 'restore') throw new OpsError(`${describe(owner)}; stop it before restoring`);
  if (!owner.admin)
    throw new OpsError(
      `${describe(owner)}; stop it, or run the command while npm start runs (it takes ops commands on its admin endpoint)`,
    );
  return owner as ReachableOwner;
}

/** Runs `command` (given on the command line as `argv`) in `owner`: the data, and its table as printed there. */
export async function runInOwner(
  owner: ReachableOwner,
  command: Command,
  argv: string[],
): Promise<{ result: unknown; text: string }> {
  if (command.name === 'backup') {
    // The copy is made there; the file is written here, where the operator named it.
    const result = await writeBackup(command.file, () => backupThroughOwner(owner));
    return { result, text: renderText(result) };
  }
  return runThroughOwner(owner, argv);
}

/**
 * Runs a command line (the CLI's own arguments) in the process that holds the embedded database,
 * through its admin endpoint; resolves with the data and its table as that process printed them.
 */
async function runThroughOwner(owner: ReachableOwner, argv: string[]): Promise<{ result: unknown; text: string }> {
  const response = await call(owner, '/ops', { 'content-type': 'application/json' }, JSON.stringify({ argv }));
  const answer = (await response.json().catch(() => ({}))) as OpsAnswer;
  if (response.ok) return { result: answer.result, text: answer.text ?? '' };
  const message = answer.message ?? `its admin endpoint answered ${response.status}`;
  if (response.status === 400) throw new UsageError(message);
  throw new OpsError(message);
}

/** A consistent backup of the embedded database, made by the process that holds it while it runs. */
async function backupThroughOwner(owner: ReachableOwner): Promise<Uint8Array> {
  const response = await call(owner, '/backup');
  if (!response.ok) throw new OpsError(`${describe(owner)} could not make the backup (status ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

async function call(owner: ReachableOwner, route: string, headers: Record<string, string> = {}, body?: string) {
  let response: Response;
  try {
    response = await fetch(`${owner.admin.url}${route}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner.admin.token}`, ...headers },
      body,
    });
  } catch (error) {
    throw new OpsError(
      `${describe(owner)}, and its admin endpoint ${owner.admin.url} does not answer (${(error as Error).message}); try again, or stop it and run the command alone`,
    );
  }
  if (response.status === 401)
    throw new OpsError(`${describe(owner)}, and its admin endpoint refused the token in its owner file`);
  return response;
}

function describe(owner: EmbeddedOwner): string {
  return `the embedded database is in use by pid ${owner.pid} (${owner.holder})`;
}
