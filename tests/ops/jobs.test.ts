import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listJobs, showJob } from '../../ops/commands/jobs.ts';
import { OpsError } from '../../ops/ops-errors.ts';
import { newPreviewId } from '../../shared/previews/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { insertAttempt, insertJob, minutesAgo } from './seed.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

describe('ops jobs', () => {
  it('lists the newest jobs first, filtered by status and chat, up to the limit', async () => {
    const db = database.db;
    const oldest = await insertJob(db, {
      chat_id: 7,
      status: 'failed',
      created_at: minutesAgo(30),
      error: 'provider_failed: 503',
    });
    const middle = await insertJob(db, {
      chat_id: 7,
      status: 'done',
      created_at: minutesAgo(20),
      finished_at: minutesAgo(19),
    });
    const newest = await insertJob(db, { chat_id: 8, status: 'failed', created_at: minutesAgo(10) });

    expect((await listJobs(db, { status: undefined, chatId: undefined, limit: 20 })).map((j) => j.id)).toEqual([
      newest.id,
      middle.id,
      oldest.id,
    ]);
    expect((await listJobs(db, { status: 'failed', chatId: undefined, limit: 20 })).map((j) => j.id)).toEqual([
      newest.id,
      oldest.id,
    ]);
    expect((await listJobs(db, { status: undefined, chatId: 7, limit: 20 })).map((j) => j.id)).toEqual([
      middle.id,
      oldest.id,
    ]);
    expect((await listJobs(db, { status: undefined, chatId: undefined, limit: 1 })).map((j) => j.id)).toEqual([
      newest.id,
    ]);
    const [row] = await listJobs(db, { status: 'done', chatId: 7, limit: 1 });
    expect(row).toMatchObject({ id: middle.id, chatId: 7, attempts: 0, durationMs: 60_000 });
  });

  it('shows one job with every attempt in order, its preview and its outbox rows', async () => {
    const db = database.db;
    const job = await insertJob(db, {
      status: 'done',
      attempts: 2,
      provider: 'gemini',
      created_at: minutesAgo(5),
      finished_at: minutesAgo(4),
    });
    await insertAttempt(db, job.id, {
      attempt: 1,
      outcome: 'failed',
      provider: 'openai',
      error_code: 'provider_failed',
      error: '429 rate limited',
    });
    await insertAttempt(db, job.id, {
      attempt: 2,
      provider: 'gemini',
      model: 'gemini-2.5-flash',
      input_tokens: 900,
      output_tokens: 4000,
      cost_usd: 0.0123,
    });
    const previewId = newPreviewId();
    await db
      .insertInto('previews')
      .values({ id: previewId, job_id: job.id, title: 'Bakery', expires_at: minutesAgo(-60) })
      .execute();
    await db.updateTable('jobs').set({ preview_id: previewId }).where('id', '=', job.id).execute();
    await db
      .insertInto('outbox')
      .values({ job_id: job.id, payload: JSON.stringify({ jobId: job.id }), published_at: minutesAgo(5) })
      .execute();

    const shown = await showJob(db, job.id);

    expect(shown.job).toMatchObject({
      id: job.id,
      status: 'done',
      attempts: 2,
      provider: 'gemini',
      previewId,
      durationMs: 60_000,
    });
    expect(shown.attempts).toEqual([
      expect.objectContaining({
        attempt: 1,
        outcome: 'failed',
        provider: 'openai',
        errorCode: 'provider_failed',
        error: '429 rate limited',
      }),
      expect.objectContaining({
        attempt: 2,
        outcome: 'succeeded',
        provider: 'gemini',
        model: 'gemini-2.5-flash',
        inputTokens: 900,
        outputTokens: 4000,
        costUsd: '0.01230000',
      }),
    ]);
    expect(shown.preview).toMatchObject({ id: previewId, title: 'Bakery', deletedAt: null });
    expect(shown.outbox).toEqual([
      expect.objectContaining({ publishAttempts: 0, publishedAt: expect.any(Date) as unknown }),
    ]);
  });

  it('says plainly when there is no such job', async () => {
    const missing = '3f2b8c1e-6a4d-4e8f-9b1a-2c3d4e5f6a7b';
    await expect(showJob(database.db, missing)).rejects.toThrow(new OpsError(`no job ${missing}`));
  });
});
