import { execFile, spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { connectDatabase } from '../../shared/db/connect.ts';
import { migrationFiles } from '../../shared/db/migrate.ts';
import { readComposeFile } from '../support/compose-file.ts';
import { startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai.ts';
import { siteReply, startFaultSystem, type FaultSystem } from '../support/fault-system.ts';
import { startNpmStart } from '../support/npm-start.ts';
import { TEST_RABBITMQ_URL } from '../support/services.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { testQueueNames } from '../support/test-queue.ts';
import { commandLine, descendantsOf, isRunning } from '../support/process-tree.ts';
import { until } from '../support/until.ts';

/**
 * Stopping the way Compose and a supervisor do it: one signal to the one process they started,
 * then waiting for it. The job in flight must finish, and nothing may be left running.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** Waits until every one of `pids` is gone; names the ones that are not. */
async function expectAllExit(pids: number[]) {
  await until(() => pids.every((pid) => !isRunning(pid)), 20_000).catch(() => undefined);
  const left = pids.filter(isRunning).map((pid) => `${pid} ${commandLine(pid)}`);
  expect(left, 'processes still running').toEqual([]);
}

/**
 * The image's /app, on this machine: `npm run build` into dist/, package.json beside it, and
 * node_modules holding only the production dependencies (what `npm ci --omit=dev` installs),
 * linked from the repository's.
 */
async function buildImageLayout(): Promise<string> {
  const app = await mkdtemp(path.join(tmpdir(), 'ao-image-app-'));
  await run('npm', ['run', 'build', '--', path.join(app, 'dist')], { cwd: ROOT });
  await copyFile(path.join(ROOT, 'package.json'), path.join(app, 'package.json'));
  const lock = JSON.parse(await readFile(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
  };
  for (const [where, entry] of Object.entries(lock.packages)) {
    const name = /^node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(where)?.[1];
    if (!name || entry.dev || entry.devOptional) continue;
    await mkdir(path.dirname(path.join(app, where)), { recursive: true });
    await symlink(path.join(ROOT, where), path.join(app, where), 'dir');
  }
  return app;
}

/** A compose role's command, run in the image layout `app` with `env` only (and PATH); its output kept. */
function runRole(app: string, role: string, env: Record<string, string>) {
  const [file, ...args] = readComposeFile().services[role]!.command!;
  const child = spawn(file!, args, {
    cwd: app,
    env: { PATH: process.env.PATH ?? '', LOG_FORMAT: 'json', LISTEN_HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { pid: child.pid!, exited, output: () => output };
}

/** The address a role logged it listens on (`url` of the first log line that has one). */
async function listeningUrl(role: ReturnType<typeof runRole>): Promise<string> {
  let url: string | undefined;
  await until(() => {
    url = role
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => (JSON.parse(line) as { url?: string }).url)
      .find(Boolean);
    return url !== undefined;
  }, 60_000).catch(() => undefined);
  if (!url) throw new Error(`no listening address in:\n${role.output()}`);
  return url;
}

describe('a role started with the image command', { timeout: 120_000 }, () => {
  let app: string;
  let system: FaultSystem;
  let database: TestDatabase;
  const queues = testQueueNames(1000);

  beforeAll(async () => {
    app = await buildImageLayout();
    system = await startFaultSystem({ AI_TIMEOUT_MS: '60000', SHUTDOWN_GRACE_MS: '30000' });
    database = await createTestDatabase({ migrated: false });
  }, 300_000);
  afterAll(async () => {
    await system?.close();
    await queues.delete();
    await database?.drop();
    if (app) await rm(app, { recursive: true, force: true });
  });

  it('the migrations one-shot migrates an empty database with the compiled migrations and exits 0', async () => {
    const migrations = runRole(app, 'migrations', { DATABASE_URL: database.url });
    expect(await migrations.exited, migrations.output()).toEqual({ code: 0, signal: null });
    const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.db);
    expect(rows.map((row) => row.name)).toEqual(Object.keys(await migrationFiles.getMigrations()));
    expect(migrations.output()).toContain('migrations applied');
  });

  it('the api and the preview serve /health, and exit 0 on SIGTERM to their process alone', async () => {
    const api = runRole(app, 'api', {
      DATABASE_URL: database.url,
      RABBITMQ_URL: TEST_RABBITMQ_URL,
      QUEUE_PREFIX: queues.prefix,
      RETRY_BASE_DELAY_MS: '1000',
      API_PORT: '0',
    });
    const preview = runRole(app, 'preview', { PREVIEWS_DIR: app, PREVIEW_PORT: '0', PREVIEW_METRICS_PORT: '0' });
    for (const role of [api, preview]) {
      expect((await fetch(`${await listeningUrl(role)}/health`)).status, role.output()).toBe(200);
      process.kill(role.pid, 'SIGTERM');
      expect(await role.exited, role.output()).toEqual({ code: 0, signal: null });
    }
  });

  it('the worker finishes the job in flight on SIGTERM to that process alone, exits 0, and leaves nothing running', async () => {
    const command = readComposeFile().services.worker!.command!;
    expect(command).toEqual(['node', 'dist/worker/main.js']);
    const worker = await system.startWorker({}, { command: command as [string, ...string[]], cwd: app });
    system.ai.enqueue(siteReply(3000, 'a rowing club'));
    const [chatId] = await system.submit(['a site for a rowing club']);
    await until(() => system.ai.requests.length > 0, 30_000);

    const processes = [worker.pid, ...descendantsOf(worker.pid)];
    process.kill(worker.pid, 'SIGTERM');

    expect(await worker.exited, worker.output()).toEqual({ code: 0, signal: null });
    await expectAllExit(processes);
    expect(await system.jobOf(chatId!)).toMatchObject({ status: 'done', attempts: 1 });
    expect(system.finalMessages(chatId!)).toHaveLength(1);
  });
});

describe('`npm start` given a signal on the npm process only', { timeout: 180_000 }, () => {
  let ai: FakeOpenAi;
  const dataDirs: string[] = [];

  beforeAll(async () => {
    ai = await startFakeOpenAi();
  });
  afterAll(async () => {
    await ai?.close();
    for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s: the job in flight finishes, npm exits 0, and every process below it exits',
    async (signal) => {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'ao-npm-start-'));
      dataDirs.push(dataDir);
      const before = ai.requests.length;
      ai.enqueue(siteReply(3000, 'a rowing club'));
      const npm = await startNpmStart({
        DATA_DIR: dataDir,
        AI_PROVIDER: 'openai',
        AI_API_KEY: 'sk-npm-start',
        AI_BASE_URL: ai.baseUrl,
        SHUTDOWN_GRACE_MS: '30000',
      });
      const sent = await fetch(`${npm.running.chatPage}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'a site for a rowing club' }),
      });
      expect(sent.status, npm.output()).toBe(200);
      await until(() => ai.requests.length > before, 30_000);

      const processes = [npm.pid, ...descendantsOf(npm.pid)];
      expect(processes.map(commandLine)).toContainEqual(expect.stringMatching(/main\.ts$/));
      process.kill(npm.pid, signal);

      expect(await npm.exited, npm.output()).toEqual({ code: 0, signal: null });
      await expectAllExit(processes);
      const db = connectDatabase({ databaseUrl: undefined, dataDir });
      try {
        const jobs = await db.selectFrom('jobs').select(['status', 'attempts']).execute();
        expect(jobs).toEqual([{ status: 'done', attempts: 1 }]);
      } finally {
        await db.destroy();
      }
    },
  );
});
