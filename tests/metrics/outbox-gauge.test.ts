import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiMetricsRoutes } from '../../api/metrics/routes.ts';
import { connectDatabase } from '../../shared/db/connect.ts';
import { TEST_DATABASE_URL, uniqueName } from '../support/services.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { parseExposition } from './scrape.ts';

// The api's metrics plugin alone, on the real PostgreSQL with no outbox relay running: the
// backlog it reports is exactly the unpublished rows.
let database: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  database = await createTestDatabase();
  app = Fastify();
  await app.register(apiMetricsRoutes, { db: database.db });
});

afterAll(async () => {
  await app?.close();
  await database?.drop();
});

async function scrapeBacklog(instance: FastifyInstance): Promise<number | undefined> {
  const response = await instance.inject('/metrics');
  expect(response.statusCode).toBe(200);
  return parseExposition(response.body).value('orchestrator_outbox_unpublished');
}

it('the outbox backlog gauge counts the unpublished outbox rows at each scrape', async () => {
  expect(await scrapeBacklog(app)).toBe(0);
  const job = await database.db
    .insertInto('jobs')
    .values({ chat_id: 1, prompt: 'a bakery' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rows = await database.db
    .insertInto('outbox')
    .values([1, 2, 3].map(() => ({ job_id: job.id, payload: JSON.stringify({ jobId: job.id }) })))
    .returning('id')
    .execute();
  expect(await scrapeBacklog(app)).toBe(3);

  await database.db.updateTable('outbox').set({ published_at: new Date() }).where('id', '=', rows[0]!.id).execute();
  expect(await scrapeBacklog(app)).toBe(2);
});

it('leaves the backlog out, and still answers, while the database cannot be asked', async () => {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${uniqueName('missing')}`;
  const unreachable = connectDatabase({ databaseUrl: url.toString(), dataDir: '' });
  const broken = Fastify();
  await broken.register(apiMetricsRoutes, { db: unreachable });
  try {
    expect(await scrapeBacklog(broken)).toBeUndefined();
  } finally {
    await broken.close();
    await unreachable.destroy();
  }
});
