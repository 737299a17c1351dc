import amqp from 'amqplib';
import { startFakeTelegram } from '../tests/support/fake-telegram.ts';
import { TEST_RABBITMQ_URL } from '../tests/support/services.ts';
import { createTestDatabase } from '../tests/support/test-database.ts';
import { testQueueNames } from '../tests/support/test-queue.ts';
import { textUpdate } from '../tests/support/updates.ts';
import { appEnv, webhookHeaders } from './support/app-env.ts';
import { load, type LoadResult } from './support/load.ts';
import { printTable, ratio, saveResult } from './support/report.ts';
import { spawnServer } from './support/spawn-server.ts';

const CONNECTIONS = 32;
const DURATION_SEC = Number(process.env.BENCH_DURATION_SEC ?? 10);

/**
 * Webhook ingest: the real api (secret check, dedup + job + outbox transaction on PostgreSQL, relay
 * to RabbitMQ) against a bare Fastify route with the same body parsing, 32 connections each.
 * Afterwards: jobs created must equal unique updates accepted, and messages published must equal jobs.
 */
export async function benchWebhookIngest() {
  const database = await createTestDatabase();
  const queues = testQueueNames(2000);
  const telegram = await startFakeTelegram();
  try {
    const bare = await spawnServer('bare-fastify.ts');
    let nextId = 1;
    const baseline = await load({
      url: `${bare.url}/telegram/webhook`,
      method: 'POST',
      headers: webhookHeaders,
      connections: CONNECTIONS,
      durationSec: DURATION_SEC,
      body: () => JSON.stringify(textUpdate('a landing page for a coffee shop', { updateId: nextId++ })),
    });
    await bare.stop();

    const api = await spawnServer(
      'api.ts',
      appEnv({ databaseUrl: database.url, queuePrefix: queues.prefix, telegramApiRoot: telegram.apiRoot }),
    );
    nextId = 1;
    const unique = await load({
      url: `${api.url}/telegram/webhook`,
      method: 'POST',
      headers: webhookHeaders,
      connections: CONNECTIONS,
      durationSec: DURATION_SEC,
      body: () => JSON.stringify(textUpdate('a landing page for a coffee shop', { updateId: nextId++ })),
    });
    const duplicate = JSON.stringify(textUpdate('the same update, again and again', { updateId: 999_999_999 }));
    const duplicates = await load({
      url: `${api.url}/telegram/webhook`,
      method: 'POST',
      headers: webhookHeaders,
      connections: CONNECTIONS,
      durationSec: DURATION_SEC,
      body: () => duplicate,
    });

    // Let the relay drain, then count what reached the database and the broker. Every body sent
    // counts, including those still in flight when the load stopped (the server finishes them).
    const sent = nextId - 1 + 1; // unique updates, plus the one duplicated update
    const counts = await waitForDrain(database.db, sent);
    const published = await queueDepth(queues.names.jobs);
    await api.stop();

    const row = (name: string, r: LoadResult) => ({
      target: name,
      'req/s': r.requestsPerSec,
      'p50 ms': r.p50Ms,
      'p99 ms': r.p99Ms,
      requests: r.requests,
      errors: r.errors + r.non2xx,
      'vs baseline': `${ratio(r.requestsPerSec, baseline.requestsPerSec).toFixed(2)}×`,
    });
    printTable(
      `Webhook ingest (${CONNECTIONS} connections, ${DURATION_SEC} s each)`,
      [
        row('bare Fastify route (baseline)', baseline),
        row('api: unique updates', unique),
        row('api: duplicate updates', duplicates),
      ],
      `verified: ${sent} unique updates sent → jobs ${counts.jobs}, outbox rows ${counts.outbox}, messages published ${published}` +
        (counts.jobs === sent && published === counts.jobs ? ' (all equal)' : ' (MISMATCH)'),
    );
    const figures = {
      connections: CONNECTIONS,
      durationSec: DURATION_SEC,
      baseline,
      unique,
      duplicates,
      verified: { sent, ...counts, published },
    };
    await saveResult('webhookIngest', figures);
    return figures;
  } finally {
    await telegram.close();
    await queues.delete();
    await database.drop();
  }
}

async function waitForDrain(db: Awaited<ReturnType<typeof createTestDatabase>>['db'], expectedJobs: number) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const jobs = Number(
      (
        await db
          .selectFrom('jobs')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const outbox = await db
      .selectFrom('outbox')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.count('published_at').as('published')])
      .executeTakeFirstOrThrow();
    if ((jobs >= expectedJobs && Number(outbox.n) === Number(outbox.published)) || Date.now() > deadline)
      return { jobs, outbox: Number(outbox.n) };
    await new Promise((r) => setTimeout(r, 200));
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
