import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deletePreview, purgeExpiredPreviews } from '../../ops/commands/previews.ts';
import { OpsError } from '../../ops/ops-errors.ts';
import { newPreviewId } from '../../shared/previews/index.ts';
import {
  publishFixture,
  rawRequest,
  startPreviewTestServer,
  type PreviewTestServer,
} from '../preview/preview-test-server.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { until } from '../support/until.ts';
import { insertJob, minutesAgo } from './seed.ts';

let database: TestDatabase;
let preview: PreviewTestServer;

beforeAll(async () => {
  database = await createTestDatabase();
  preview = await startPreviewTestServer();
});

afterAll(async () => {
  await preview?.close();
  await database?.drop();
});

/** A preview as the worker leaves it: files on the volume and a row, expiring at `expiresAt`. */
async function publishedPreview(expiresAt: Date): Promise<string> {
  const previewId = await publishFixture(preview.previewsDir, 'site', {}, { expiresAt });
  const job = await insertJob(database.db, { status: 'done', preview_id: previewId, finished_at: minutesAgo(1) });
  await database.db
    .insertInto('previews')
    .values({ id: previewId, job_id: job.id, title: 'Bakery', expires_at: expiresAt })
    .execute();
  return previewId;
}

const statusOf = async (previewId: string) => (await rawRequest(preview.port, 'GET', `/p/${previewId}/`)).status;
const deletedAt = async (previewId: string) =>
  (await database.db.selectFrom('previews').select('deleted_at').where('id', '=', previewId).executeTakeFirstOrThrow())
    .deleted_at;

describe('ops preview delete', () => {
  it('takes a live preview offline for good: 410 from the preview service, files gone, row marked', async () => {
    const previewId = await publishedPreview(minutesAgo(-24 * 60));
    expect(await statusOf(previewId)).toBe(200);

    const result = await deletePreview(database.db, preview.storage, previewId);

    expect(result).toMatchObject({
      previewId,
      title: 'Bakery',
      filesRemoved: true,
      deletedAt: expect.any(Date) as unknown,
    });
    // Within a second, although the page was just served (tests/preview/serving-from-storage.test.ts).
    await until(async () => (await statusOf(previewId)) === 410);
    expect(existsSync(path.join(preview.previewsDir, previewId))).toBe(false);
    expect(await deletedAt(previewId)).toEqual(result.deletedAt);
  });

  it('deleting again is harmless and keeps the first deletion time', async () => {
    const previewId = await publishedPreview(minutesAgo(-24 * 60));
    const first = await deletePreview(database.db, preview.storage, previewId);
    const second = await deletePreview(database.db, preview.storage, previewId);
    expect(second).toMatchObject({ filesRemoved: false, deletedAt: first.deletedAt });
    expect(await statusOf(previewId)).toBe(410);
  });

  it('says plainly when there is no such preview', async () => {
    const missing = newPreviewId();
    await expect(deletePreview(database.db, preview.storage, missing)).rejects.toThrow(
      new OpsError(`no preview ${missing}`),
    );
  });
});

describe('ops previews purge --expired', () => {
  it('removes the files of expired previews now and marks their rows; live ones stay', async () => {
    const expired = await publishedPreview(minutesAgo(5));
    const live = await publishedPreview(minutesAgo(-60));

    const result = await purgeExpiredPreviews(database.db, preview.storage);

    expect(result.previewIds).toContain(expired);
    expect(result.previewIds).not.toContain(live);
    expect(result.purged).toBe(result.previewIds.length);
    expect(existsSync(path.join(preview.previewsDir, expired))).toBe(false);
    expect(await deletedAt(expired)).toBeInstanceOf(Date);
    expect(await statusOf(expired)).toBe(410);
    expect(await deletedAt(live)).toBeNull();
    expect(await statusOf(live)).toBe(200);
  });
});
