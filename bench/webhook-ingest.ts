import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import amqp from 'amqplib';
import { sql } from 'kysely';
import { startFakeTelegram } from '../tests/support/fake-telegram.ts';
import { TEST_RABBITMQ_URL } from '../tests/support/services.ts';
import { createTestDatabase, type TestDatabase } from '../tests/support/test-database.ts';
import { testQueueNames } from '../tests/support/test-queue.ts';
import { appEnv, BENCH_SECRET } from './support/app-env.ts';
import type { LoadResult } from './support/load.ts';
import { startAnsweringNginx } from './support/nginx.ts';
import { printTable, ratio, saveResult } from './support/report.ts';
import { spawnServer } from './support/spawn-server.ts';
import { runWrk } from './support/wrk.ts';

const CONNECTIONS = [32, 100];
const DURATION_SEC = Number(process.env.BENCH_DURATION_SEC ?? 30);
/** Each unique-update run counts its ids from its own start; the duplicate runs repeat one id. */
const FIRST_IDS = { 32: 1, 100: 1_000_000_000 } as Record<number, number>;
const DUPLICATE_ID = 2_000_000_000;
const DRAIN_TIMEOUT_MS = 10 * 60_000;

/**
 * Webhook ingest with wrk (a Lua script gives every request a new update_id, as Telegram's are):
 * the real api (secret check, group commit into the PostgreSQL inbox, the inbox processor making
 * jobs, the relay publishing them to RabbitMQ) against a bare Fastify route with the same body
 * limit and validation, at 32 and 100 connections, then one update repeated (what Telegram's
 * redeliveries cost). Beside them, wrk against nginx answering 200 at once: the most the generator
 * gets out of this machine. Afterwards, once the inbox and the outbox are drained: every update
 * answered 200 is recorded, every recorded update is a job, and every job is one message in the
 * queue.
 */
export async function benchWebhookIngest() {
  const database = await createTestDatabase();
  const queues = testQueueNames(2000);
  const telegram = await startFakeTelegram();
  const workDir = await mkdtemp(path.join(tmpdir(), 'ao-bench-ingest-'));
  const load = (
    url: string,
    connections: number,
    firstId: number,
    options: { duplicate?: boolean; durationSec?: number } = {},
  ) =>
    runWrk({
      url,
      connections,
      durationSec: options.durationSec ?? DURATION_SEC,
      script: 'webhook-updates.lua',
      scriptArgs: [String(firstId), BENCH_SECRET, ...(options.duplicate ? ['duplicate'] : [])],
    });
  try {
    const nginx = await startAnsweringNginx(workDir);
    const ceiling = await load(`${nginx.url}/telegram/webhook`, 32, 1, { durationSec: Math.min(DURATION_SEC, 5) });
    await nginx.stop();

    const bare = await spawnServer('bare-fastify.ts');
    const baseline: Record<number, LoadResult> = {};
    for (const connections of CONNECTIONS)
      baseline[connections] = await load(`${bare.url}/telegram/webhook`, connections, FIRST_IDS[connections]!);
    await bare.stop();

    const api = await spawnServer(
      'api.ts',
      appEnv({ databaseUrl: database.url, queuePrefix: queues.prefix, telegramApiRoot: telegram.apiRoot }),
    );
    const unique: Record<number, LoadResult> = {};
    const duplicates: Record<number, LoadResult> = {};
    for (const connections of CONNECTIONS)
      unique[connections] = await load(`${api.url}/telegram/webhook`, connections, FIRST_IDS[connections]!);
    for (const connections of CONNECTIONS)
      duplicates[connections] = await load(`${api.url}/telegram/webhook`, connections, DUPLICATE_ID, {
        duplicate: true,
      });

    const drainStarted = Date.now();
    const counts = await waitForDrain(database);
    const drainMs = Date.now() - drainStarted;
    const published = await queueDepth(queues.names.jobs);
    await api.stop();

    // Every unique update answered 200, and the one repeated update.
    const answered = CONNECTIONS.reduce((sum, c) => sum + unique[c]!.requests - unique[c]!.non2xx, 1);
    const verified = { answered200: answered, ...counts, published, drainMs };
    const ok = counts.recorded >= answered && counts.jobs === counts.recorded && published === counts.jobs;

    const row = (target: string, r: LoadResult, base?: LoadResult) => ({
      target,
      'req/s': r.requestsPerSec,
      'p50 ms': r.p50Ms,
      'p99 ms': r.p99Ms,
      requests: r.requests,
      errors: r.errors + r.non2xx,
      'vs baseline': base ? `${ratio(r.requestsPerSec, base.requestsPerSec).toFixed(2)}×` : '',
    });
    printTable(
      `Webhook ingest (wrk, 1 thread, ${DURATION_SEC} s each)`,
      [
        row('wrk ceiling: nginx answering 200, 32 conn.', ceiling),
        ...CONNECTIONS.flatMap((c) => [
          row(`bare Fastify route, ${c} conn. (baseline)`, baseline[c]!),
          row(`api: unique updates, ${c} conn.`, unique[c]!, baseline[c]),
          row(`api: one update repeated, ${c} conn.`, duplicates[c]!, baseline[c]),
        ]),
      ],
      `verified after ${(drainMs / 1000).toFixed(1)} s of draining: ${answered} updates answered 200 → ` +
        `${counts.recorded} recorded, ${counts.jobs} jobs, ${counts.outbox} outbox rows, ${published} messages published` +
        (ok ? ' (nothing lost, nothing twice)' : ' (MISMATCH)'),
    );
    const figures = {
      durationSec: DURATION_SEC,
      connections: CONNECTIONS,
      generator: 'wrk 1 thread, Lua script (bench/wrk/webhook-updates.lua)',
      ceiling,
      baseline,
      unique,
      duplicates,
      verified,
    };
    await saveResult('webhookIngest', figures);
    return figures;
  } finally {
    await telegram.close();
    await queues.delete();
    await database.drop();
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Waits until every recorded update was handled and every outbox row published; then the counts. */
async function waitForDrain(database: TestDatabase) {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  for (;;) {
    const { rows } = await sql<{
      recorded: string;
      unprocessed: string;
      jobs: string;
      outbox: string;
      unpublished: string;
    }>`
      select (select count(*) from updates) as recorded,
             (select count(*) from updates where processed_at is null) as unprocessed,
             (select count(*) from jobs) as jobs,
             (select count(*) from outbox) as outbox,
             (select count(*) from outbox where published_at is null) as unpublished`.execute(database.db);
    const c = rows[0]!;
    if ((Number(c.unprocessed) === 0 && Number(c.unpublished) === 0) || Date.now() > deadline)
      return { recorded: Number(c.recorded), jobs: Number(c.jobs), outbox: Number(c.outbox) };
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function queueDepth(queue: string): Promise<number> {
  const connection = await amqp.connect(TEST_RABBITMQ_URL);
  try {
    const channel = await connection.createChannel();
    return (await channel.checkQueue(queue)).messageCount;
  } finally {
    await connection.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchWebhookIngest();
