import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiUnderTest, type ApiUnderTest } from '../support/api-under-test.ts';
import { untilHandled } from '../support/inbox.ts';
import { until } from '../support/until.ts';
import { textUpdate } from '../support/updates.ts';
import { scrape } from './scrape.ts';

const SECRET = 'metrics-secret_123';
let system: ApiUnderTest;

beforeAll(async () => {
  system = await startApiUnderTest(SECRET);
});

afterAll(() => system?.close());

function post(body: unknown, secret = SECRET) {
  return fetch(`${system.api.url}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
    body: JSON.stringify(body),
  });
}

describe("the api's GET /metrics", () => {
  it('counts a new update, its redelivery, the job it made and both answers', async () => {
    const before = await scrape(system.api.url);
    const update = textUpdate('a landing page for a bakery');
    expect((await post(update)).status).toBe(200);
    expect((await post(update)).status).toBe(200);
    await untilHandled(system.database.db, update.update_id);
    const after = await scrape(system.api.url);

    const delta = (name: string, labels?: Record<string, string>) =>
      (after.value(name, labels) ?? 0) - (before.value(name, labels) ?? 0);
    expect(delta('orchestrator_updates_total', { delivery: 'first' })).toBe(1);
    expect(delta('orchestrator_updates_total', { delivery: 'duplicate' })).toBe(1);
    expect(delta('orchestrator_jobs_created_total')).toBe(1);
    expect(delta('orchestrator_webhook_request_duration_seconds_count', { code: '200' })).toBe(2);
    expect(delta('orchestrator_webhook_request_duration_seconds_bucket', { code: '200', le: '+Inf' })).toBe(2);
    expect(delta('orchestrator_webhook_request_duration_seconds_sum', { code: '200' })).toBeGreaterThan(0);
  });

  it('counts a refused webhook call under its status, and no update', async () => {
    const before = await scrape(system.api.url);
    expect((await post(textUpdate('a bakery'), 'not-the-secret')).status).toBe(401);
    const after = await scrape(system.api.url);
    expect(
      (after.value('orchestrator_webhook_request_duration_seconds_count', { code: '401' }) ?? 0) -
        (before.value('orchestrator_webhook_request_duration_seconds_count', { code: '401' }) ?? 0),
    ).toBe(1);
    expect(after.value('orchestrator_updates_total')).toBe(before.value('orchestrator_updates_total'));
  });

  it('reports an empty outbox backlog once the relay published every job, and process metrics', async () => {
    const update = textUpdate('a page for a florist');
    expect((await post(update)).status).toBe(200);
    await untilHandled(system.database.db, update.update_id);
    await until(async () => (await unpublishedRows()) === 0);
    const metrics = await scrape(system.api.url);
    expect(metrics.value('orchestrator_outbox_unpublished')).toBe(0);
    expect(metrics.value('orchestrator_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('does not count requests other than the webhook as webhook requests', async () => {
    const before = await scrape(system.api.url);
    expect((await fetch(`${system.api.url}/health`)).status).toBe(200);
    const after = await scrape(system.api.url);
    expect(after.value('orchestrator_webhook_request_duration_seconds_count')).toBe(
      before.value('orchestrator_webhook_request_duration_seconds_count'),
    );
  });
});

async function unpublishedRows(): Promise<number> {
  const row = await system.database.db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('published_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
