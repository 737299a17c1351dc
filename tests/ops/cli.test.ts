import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram } from '../support/fake-telegram.ts';
import { TEST_RABBITMQ_URL } from '../support/services.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { testQueueNames } from '../support/test-queue.ts';
import { insertJob } from './seed.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const TOKEN = '123456:ops-cli-token';
const SECRET = 'ops_cli-secret';

let database: TestDatabase;
let telegram: Awaited<ReturnType<typeof startFakeTelegram>>;
const queues = testQueueNames(1000);

beforeAll(async () => {
  database = await createTestDatabase();
  telegram = await startFakeTelegram();
});

afterAll(async () => {
  await queues.delete();
  await telegram?.close();
  await database?.drop();
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run ops -- …` as an operator runs it: a process of its own, configured by its environment only. */
function ops(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const base = {
    PATH: process.env.PATH ?? '',
    DATABASE_URL: database.url,
    RABBITMQ_URL: TEST_RABBITMQ_URL,
    QUEUE_PREFIX: queues.prefix,
    RETRY_BASE_DELAY_MS: '1000',
    LOG_LEVEL: 'silent',
  };
  return new Promise((resolve) => {
    execFile(
      'node_modules/.bin/tsx',
      ['ops/main.ts', ...args],
      { cwd: root, env: { ...base, ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

describe('npm run ops', () => {
  it('an unknown command prints the usage on stderr and exits 2', async () => {
    const run = await ops(['deploy']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^ops: unknown command: deploy\n/);
    expect(run.stderr).toContain('usage: npm run ops -- <command>');
    expect(run.stderr).toContain('parked list');
  });

  it('a bad argument prints what is wrong and the usage, and exits 2', async () => {
    const run = await ops(['jobs', '--limit', 'lots']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^ops: jobs: --limit: expected a whole number\n/);
  });

  it('--help prints the usage on stdout and exits 0', async () => {
    const run = await ops(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('webhook set');
  });

  it('stats --json prints one JSON document read from the database and the broker', async () => {
    await insertJob(database.db, { status: 'failed' });
    const run = await ops(['stats', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const stats = JSON.parse(run.stdout);
    expect(stats.jobs[0]).toMatchObject({ window: 'last hour', failed: 1 });
    expect(stats.queues).toMatchObject({ broker: 'rabbitmq', jobsQueue: queues.names.jobs, parked: 0 });
  });

  it('jobs prints a table a person can read', async () => {
    const job = await insertJob(database.db, { status: 'done', prompt: 'a portfolio for a potter' });
    const run = await ops(['jobs', '--status', 'done']);
    expect(run.code).toBe(0);
    const [header, row] = run.stdout.split('\n');
    expect(header).toMatch(/^id\s+status\s+attempts\s+chat id\s+created at\s+duration\s+prompt\s+error$/);
    expect(row).toContain(job.id);
    expect(row).toContain('a portfolio for a potter');
  });

  it('a command that cannot be done prints one line on stderr and exits 1', async () => {
    const missing = '3f2b8c1e-6a4d-4e8f-9b1a-2c3d4e5f6a7b';
    const run = await ops(['retry', missing]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`ops: no job ${missing}\n`);
  });

  it('user block takes effect in the database, and --json reports it', async () => {
    const run = await ops(['user', 'block', '9001', '--reason', 'spam', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ userId: 9001, bannedReason: 'spam' });
    const row = await database.db
      .selectFrom('users')
      .select('banned_at')
      .where('user_id', '=', 9001)
      .executeTakeFirstOrThrow();
    expect(row.banned_at).toBeInstanceOf(Date);
  });

  it('parked commands without RabbitMQ say why and exit 1', async () => {
    const run = await ops(['parked', 'list'], { RABBITMQ_URL: '' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^ops: RABBITMQ_URL is not set/);
  });

  it('webhook commands without a bot token say why and exit 1', async () => {
    const run = await ops(['webhook', 'info']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^ops: TELEGRAM_BOT_TOKEN must be set/);
  });

  it('webhook info and delete need no secret (a laptop switching to long polling); webhook set does', async () => {
    const env = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot };
    expect((await ops(['webhook', 'info'], env)).code).toBe(0);
    expect((await ops(['webhook', 'delete'], env)).code).toBe(0);
    const set = await ops(['webhook', 'set', '--url', 'https://bot.example.com/telegram/webhook'], env);
    expect(set.code).toBe(1);
    expect(set.stderr).toMatch(/^ops: webhook set: TELEGRAM_SECRET_TOKEN must be set/);
  });

  it('webhook set needs a URL: --url or WEBHOOK_URL', async () => {
    const env = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_SECRET_TOKEN: SECRET, TELEGRAM_API_ROOT: telegram.apiRoot };
    const withoutUrl = await ops(['webhook', 'set'], env);
    expect(withoutUrl.code).toBe(2);
    expect(withoutUrl.stderr).toMatch(/^ops: webhook set: no URL/);

    const fromEnv = await ops(['webhook', 'set'], { ...env, WEBHOOK_URL: 'https://bot.example.com/telegram/webhook' });
    expect(fromEnv.code).toBe(0);
    expect(telegram.calls.findLast((c) => c.method === 'setWebhook')!.payload).toMatchObject({
      url: 'https://bot.example.com/telegram/webhook',
      secret_token: SECRET,
    });
    expect(fromEnv.stdout).not.toContain(SECRET);
    expect(fromEnv.stdout).not.toContain(TOKEN);
  });

  it('a refusal from Telegram is one line on stderr, without the token or the secret', async () => {
    telegram.script('setWebhook', { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } });
    const run = await ops(['webhook', 'set', '--url', 'https://bot.example.com/telegram/webhook'], {
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_SECRET_TOKEN: SECRET,
      TELEGRAM_API_ROOT: telegram.apiRoot,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^ops: .*401: Unauthorized.*\n$/);
    expect(run.stderr.split('\n')).toHaveLength(2);
    expect(run.stderr).not.toContain(TOKEN);
    expect(run.stderr).not.toContain(SECRET);
  });
});
