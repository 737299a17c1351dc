import { spawn } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  claimEmbeddedDatabase,
  embeddedOwner,
  EmbeddedDatabaseInUse,
  ownerFile,
} from '../../shared/db/embedded-owner.ts';

/** Who holds the embedded database, from the owner file, with real processes standing in as holders. */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ao-owner-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A process that runs until killed, and one that has exited (its pid names nothing now). */
function sleeper() {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  return { pid: child.pid!, stop: () => new Promise((resolve) => child.once('exit', resolve).kill('SIGKILL')) };
}
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

describe('the embedded database owner file', () => {
  it('refuses a second claim while the first holder runs, naming its pid and what it is', async () => {
    const holder = sleeper();
    const dataDir = await mkdtemp(path.join(dir, 'live-'));
    writeFileSync(ownerFile(dataDir), JSON.stringify({ pid: holder.pid, holder: 'npm start' }));
    try {
      expect(() => claimEmbeddedDatabase(dataDir, 'npm run ops')).toThrow(EmbeddedDatabaseInUse);
      expect(() => claimEmbeddedDatabase(dataDir, 'npm run ops')).toThrow(
        `the embedded database in ${dataDir} is in use by pid ${holder.pid} (npm start)`,
      );
      expect(embeddedOwner(dataDir)).toEqual({ pid: holder.pid, holder: 'npm start' });
    } finally {
      await holder.stop();
    }
  });

  it('takes over the file a killed holder left behind (its pid names no process), and gives it up when released', async () => {
    const dataDir = await mkdtemp(path.join(dir, 'stale-'));
    writeFileSync(ownerFile(dataDir), JSON.stringify({ pid: await deadPid(), holder: 'npm start' }));
    expect(embeddedOwner(dataDir)).toBeUndefined();

    const claim = claimEmbeddedDatabase(dataDir, 'npm run ops');
    expect(JSON.parse(readFileSync(ownerFile(dataDir), 'utf8'))).toEqual({ pid: process.pid, holder: 'npm run ops' });
    claim.release();
    expect(() => readFileSync(ownerFile(dataDir))).toThrow(/ENOENT/);
  });

  it('publishes the admin endpoint of its holder, in a file only its user can read', async () => {
    const dataDir = await mkdtemp(path.join(dir, 'admin-'));
    const claim = claimEmbeddedDatabase(dataDir, 'npm start');
    const admin = { url: 'http://127.0.0.1:40000', token: 'a'.repeat(64) };
    claim.advertise(admin);
    expect(JSON.parse(readFileSync(ownerFile(dataDir), 'utf8'))).toEqual({
      pid: process.pid,
      holder: 'npm start',
      admin,
    });
    expect(statSync(ownerFile(dataDir)).mode & 0o777).toBe(0o600);
    claim.release();
  });
});
