import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../shared/db/connect.ts';
import { ownerFile } from '../../shared/db/embedded-owner.ts';
import { startNpmStart, type NpmStart } from '../support/npm-start.ts';
import { until } from '../support/until.ts';

/**
 * One owner of the embedded database, with real processes: `npm start` holds it and runs the ops
 * CLI's commands itself; a holder without an admin endpoint makes the CLI refuse in one line; with
 * nobody holding it, the CLI opens it itself. Never a write that silently goes nowhere.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const folders: string[] = [];

async function dataFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ao-embedded-'));
  folders.push(dir);
  return dir;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run -s ops -- …` as an operator runs it in the project folder, on `dataDir`. */
function ops(dataDir: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '-s', 'ops', '--', ...args],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '/tmp',
          DATA_DIR: dataDir,
          DATABASE_URL: '',
          RABBITMQ_URL: '',
          TELEGRAM_BOT_TOKEN: '',
          LOG_LEVEL: 'silent',
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Reads the embedded database directly, once no process holds it. */
async function readDatabase<T>(dataDir: string, read: (db: ReturnType<typeof connectDatabase>) => Promise<T>) {
  const db = connectDatabase({ databaseUrl: undefined, dataDir });
  try {
    return await read(db);
  } finally {
    await db.destroy();
  }
}

afterAll(async () => {
  for (const dir of folders) await rm(dir, { recursive: true, force: true });
});

describe('while npm start holds the embedded database', { timeout: 120_000 }, () => {
  let dataDir: string;
  let npm: NpmStart;
  let backup: string;

  beforeAll(async () => {
    dataDir = await dataFolder();
    backup = path.join(await dataFolder(), 'orchestrator.tar.gz');
    npm = await startNpmStart({ DATA_DIR: dataDir });
    const sent = await fetch(`${npm.running.chatPage}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'a site for a rowing club' }),
    });
    expect(sent.status, npm.output()).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await npm?.stop();
  });

  it('an ops command that writes runs inside npm start and says what it did', async () => {
    const run = await ops(dataDir, ['user', 'block', '4242', '--reason', 'spam', '--json']);
    expect(run, npm.output()).toMatchObject({ code: 0, stderr: '' });
    const user = JSON.parse(run.stdout) as { userId: number; bannedReason: string; bannedAt: string };
    expect(user).toMatchObject({ userId: 4242, bannedReason: 'spam' });
    expect(Date.parse(user.bannedAt)).not.toBeNaN();
  });

  it('an ops command that reads sees what npm start wrote, as a table or as JSON', async () => {
    await until(async () => {
      const jobs = JSON.parse((await ops(dataDir, ['jobs', '--json'])).stdout) as { status: string }[];
      return jobs.length === 1 && jobs[0]!.status === 'done';
    }, 60_000);
    const table = await ops(dataDir, ['jobs']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/done/);
  });

  it('the admin endpoint refuses a request without the token from the owner file, and runs nothing', async () => {
    const { admin } = JSON.parse(readFileSync(ownerFile(dataDir), 'utf8')) as { admin: { url: string; token: string } };
    for (const authorization of [undefined, 'Bearer wrong-token', `Bearer ${admin.token.slice(0, -1)}x`]) {
      const response = await fetch(`${admin.url}/ops`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ argv: ['user', 'block', '777'] }),
      });
      expect(response.status, authorization).toBe(401);
      expect((await fetch(`${admin.url}/backup`, { method: 'POST' })).status).toBe(401);
    }
    const user = await ops(dataDir, ['user', 'unblock', '777', '--json']);
    expect(JSON.parse(user.stdout)).toEqual({ userId: 777, bannedAt: null, bannedReason: null, updatedAt: null });
  });

  it('the admin endpoint listens on loopback only and the owner file is readable by its user only', () => {
    const { admin } = JSON.parse(readFileSync(ownerFile(dataDir), 'utf8')) as { admin: { url: string } };
    expect(new URL(admin.url).hostname).toBe('127.0.0.1');
    expect(statMode(ownerFile(dataDir))).toBe(0o600);
  });

  it('ops backup makes a copy while it runs', async () => {
    const run = await ops(dataDir, ['backup', backup]);
    expect(run, run.stderr).toMatchObject({ code: 0, stderr: '' });
    expect(existsSync(backup)).toBe(true);
    expect(run.stdout).toContain(backup);
  });

  it('ops restore refuses while npm start holds the database, in one line', async () => {
    const run = await ops(dataDir, ['restore', backup]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^ops: the embedded database is in use by pid \d+ \(npm start\); stop it before restoring\n$/,
    );
  });

  it('a second npm start on the same data folder refuses in one line, naming the first', async () => {
    const second = spawn('npm', ['start'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATA_DIR: dataDir, API_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    second.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => second.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain(`the embedded database in ${dataDir} is in use by pid`);
    expect(stderr).toContain('(npm start); stop it, or give this process a DATA_DIR of its own');
  });

  it('after npm start stops, what ops wrote through it is in the database, and the owner file is gone', async () => {
    expect(await npm.stop()).toEqual({ code: 0, signal: null });
    expect(existsSync(ownerFile(dataDir))).toBe(false);
    const user = await readDatabase(dataDir, (db) =>
      db.selectFrom('users').select(['banned_reason']).where('user_id', '=', 4242).executeTakeFirst(),
    );
    expect(user).toEqual({ banned_reason: 'spam' });
  });

  it('ops restore puts the backup in place of the database, keeping the one it replaces', async () => {
    const fresh = await dataFolder();
    const run = await ops(fresh, ['restore', backup, '--json']);
    expect(run, run.stderr).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toMatchObject({ restored: backup, previous: null });
    const restored = await readDatabase(fresh, async (db) => ({
      jobs: await db.selectFrom('jobs').select('status').execute(),
      user: await db.selectFrom('users').select('banned_reason').where('user_id', '=', 4242).executeTakeFirst(),
    }));
    expect(restored).toEqual({ jobs: [{ status: 'done' }], user: { banned_reason: 'spam' } });

    const again = await ops(fresh, ['restore', backup, '--json']);
    expect((JSON.parse(again.stdout) as { previous: string }).previous).toMatch(/pglite\.before-restore-/);
  });
});

describe('while a process without an admin endpoint holds the embedded database', { timeout: 120_000 }, () => {
  it('an ops command refuses in one line naming it, and exits 1', async () => {
    const dataDir = await dataFolder();
    const api = spawn('npm', ['run', 'api'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        DATA_DIR: dataDir,
        LISTEN_HOST: '127.0.0.1',
        API_PORT: '0',
        LOG_LEVEL: 'silent',
      },
      stdio: 'ignore',
    });
    try {
      await until(() => existsSync(ownerFile(dataDir)), 60_000);
      const run = await ops(dataDir, ['user', 'block', '4242']);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(
        /^ops: the embedded database is in use by pid \d+ \(npm run api\); stop it, or run the command while npm start runs \(it takes ops commands on its admin endpoint\)\n$/,
      );
    } finally {
      api.kill('SIGTERM');
      await new Promise((resolve) => api.once('exit', resolve));
    }
  });
});

describe('while nobody holds the embedded database', { timeout: 120_000 }, () => {
  it('an ops command opens it itself, and gives it up when done', async () => {
    const dataDir = await dataFolder();
    // A database made (and migrated) by a run before, stopped since.
    await (await startNpmStart({ DATA_DIR: dataDir })).stop();

    const run = await ops(dataDir, ['user', 'block', '99', '--json']);
    expect(run, run.stderr).toMatchObject({ code: 0, stderr: '' });
    expect(existsSync(ownerFile(dataDir))).toBe(false);
    const user = await readDatabase(dataDir, (db) =>
      db.selectFrom('users').select('user_id').where('user_id', '=', 99).executeTakeFirst(),
    );
    expect(user).toEqual({ user_id: 99 });
  });
});

function statMode(file: string): number {
  return statSync(file).mode & 0o777;
}
