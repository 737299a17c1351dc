import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../shared/db/connect.ts';
import { connectQueue } from '../../shared/queue/index.ts';
import { startHealthServer } from '../../worker/health-server.ts';
import { openAiError, startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai.ts';
import { TEST_DATABASE_URL, uniqueName } from '../support/services.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { testLogger } from '../support/test-config.ts';
import { until } from '../support/until.ts';
import { textUpdate } from '../support/updates.ts';
import { scrape, type Scrape } from './scrape.ts';

let system: TestSystem;
let ai: FakeOpenAi;

beforeAll(async () => {
  ai = await startFakeOpenAi();
  system = await startSystem({ AI_PROVIDER: 'openai', AI_API_KEY: 'sk-test-metrics', AI_BASE_URL: ai.baseUrl });
});

afterAll(async () => {
  await system?.close();
  await ai?.close();
});

/** How much a sample grew from one scrape to the next (absent counts as 0). */
const grew = (before: Scrape, after: Scrape, name: string, labels?: Record<string, string>) =>
  (after.value(name, labels) ?? 0) - (before.value(name, labels) ?? 0);

/** Scrapes the worker until `done` attempts grew by `count`; returns that scrape. */
async function afterJobsDone(before: Scrape, count: number): Promise<Scrape> {
  let latest = before;
  await until(async () => {
    latest = await scrape(system.workerUrl);
    return grew(before, latest, 'orchestrator_job_attempt_duration_seconds_count', { outcome: 'done' }) === count;
  }, 30_000);
  return latest;
}

describe("the worker's port", () => {
  it('answers /health and /ready while the worker runs', async () => {
    const health = await fetch(`${system.workerUrl}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${system.workerUrl}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'ok', queue: 'ok' });
  });

  it('shows a job that ran: its attempt, the provider call with its tokens, and the Telegram calls', async () => {
    const before = await scrape(system.workerUrl);
    expect((await system.postUpdate(textUpdate('a landing page for a bike shop'))).status).toBe(200);
    const after = await afterJobsDone(before, 1);

    expect(grew(before, after, 'orchestrator_job_attempt_duration_seconds_count')).toBe(1);
    expect(grew(before, after, 'orchestrator_job_turnaround_seconds_count', { outcome: 'done' })).toBe(1);
    expect(
      grew(before, after, 'orchestrator_provider_call_duration_seconds_count', { provider: 'openai', outcome: 'ok' }),
    ).toBe(1);
    // The fake OpenAI reports 120 prompt and 480 completion tokens per answer.
    expect(grew(before, after, 'orchestrator_provider_tokens_total', { provider: 'openai', direction: 'input' })).toBe(
      120,
    );
    expect(grew(before, after, 'orchestrator_provider_tokens_total', { provider: 'openai', direction: 'output' })).toBe(
      480,
    );
    expect(grew(before, after, 'orchestrator_provider_cost_usd_total', { provider: 'openai' })).toBeGreaterThan(0);
    expect(
      grew(before, after, 'orchestrator_telegram_api_requests_total', { method: 'sendMessage', result: 'ok' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('shows a failed attempt as retried, with the provider error, before the job is done', async () => {
    ai.enqueue(openAiError(503, 'overloaded', 'server_error'));
    const before = await scrape(system.workerUrl);
    expect((await system.postUpdate(textUpdate('a landing page for a tea room'))).status).toBe(200);
    const after = await afterJobsDone(before, 1);

    expect(grew(before, after, 'orchestrator_job_attempt_duration_seconds_count', { outcome: 'retried' })).toBe(1);
    expect(grew(before, after, 'orchestrator_job_turnaround_seconds_count', { outcome: 'done' })).toBe(1);
    expect(
      grew(before, after, 'orchestrator_provider_call_duration_seconds_count', {
        provider: 'openai',
        outcome: 'provider_failed',
      }),
    ).toBe(1);
    expect(
      grew(before, after, 'orchestrator_provider_call_duration_seconds_count', { provider: 'openai', outcome: 'ok' }),
    ).toBe(1);
  });

  it('reports the depth of its RabbitMQ queues: a parked message counts under queue="parked"', async () => {
    await system.queues.sendRaw('not a job message');
    await until(
      async () => (await scrape(system.workerUrl)).value('orchestrator_queue_messages', { queue: 'parked' }) === 1,
      20_000,
    );
    const metrics = await scrape(system.workerUrl);
    expect(metrics.value('orchestrator_queue_messages', { queue: 'jobs' })).toBe(0);
  });

  it('exposes the same registry as every other port of its process (the api’s /metrics shows the worker’s metrics)', async () => {
    const [worker, api] = await Promise.all([scrape(system.workerUrl), scrape(system.apiUrl)]);
    const tokens = { provider: 'openai', direction: 'output' };
    expect(api.value('orchestrator_provider_tokens_total', tokens)).toBeGreaterThan(0);
    expect(api.value('orchestrator_provider_tokens_total', tokens)).toBe(
      worker.value('orchestrator_provider_tokens_total', tokens),
    );
  });
});

describe('the health server', () => {
  it('answers /ready with 503 while the database cannot be reached, and /health with 200', async () => {
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${uniqueName('missing')}`;
    const db = connectDatabase({ databaseUrl: url.toString(), dataDir: '' });
    const queue = await connectQueue(system.config, testLogger(), 'worker');
    const server = await startHealthServer({
      db,
      queue,
      log: testLogger(),
      host: '127.0.0.1',
      port: 0,
      isShuttingDown: () => false,
    });
    try {
      const ready = await fetch(`${server.url}/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'unavailable', database: 'unavailable', queue: 'ok' });
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    } finally {
      await server.close();
      await queue.close();
      await db.destroy();
    }
  });

  it('answers /ready with 503 once shutdown began', async () => {
    const queue = await connectQueue(system.config, testLogger(), 'worker');
    const server = await startHealthServer({
      db: system.db,
      queue,
      log: testLogger(),
      host: '127.0.0.1',
      port: 0,
      isShuttingDown: () => true,
    });
    try {
      const ready = await fetch(`${server.url}/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'shutting down' });
    } finally {
      await server.close();
      await queue.close();
    }
  });
});
