import { afterAll, beforeAll, expect, it } from 'vitest';
import { rawRequest } from '../preview/preview-test-server.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { textUpdate } from '../support/updates.ts';

/**
 * PREVIEW_HOST_MODE=subdomain end to end: the link in chat names the preview's own host, that host
 * serves it, and the worker recorded the expiry with the bundle. (The test system points the links
 * at its own preview server on 127.0.0.1; the preview service itself expects `<id>.localhost`, the
 * host of PREVIEW_BASE_URL here.)
 */

let system: TestSystem;

beforeAll(async () => {
  system = await startSystem({
    PREVIEW_HOST_MODE: 'subdomain',
    PREVIEW_BASE_URL: 'http://localhost:8001',
    PREVIEW_TTL_DAYS: '7',
  });
});
afterAll(async () => {
  await system?.close();
});

it('sends the link in its subdomain form and serves the page on that host', async () => {
  const update = textUpdate('a page for a bakery');
  expect((await system.postUpdate(update)).status).toBe(200);
  const port = new URL(system.previewUrl).port;
  const previewId = await system.telegram.waitFor(() =>
    system.telegram
      .messagesTo(update.message.chat.id)
      .map((text) => new RegExp(`http://([a-z2-7]{26})\\.127\\.0\\.0\\.1:${port}/`).exec(text)?.[1])
      .find(Boolean),
  );
  const job = await system.db
    .selectFrom('jobs')
    .select('preview_id')
    .where('update_id', '=', update.update_id)
    .executeTakeFirstOrThrow();
  expect(previewId).toBe(job.preview_id);

  const page = await rawRequest(Number(port), 'GET', '/', { host: `${previewId}.localhost:${port}` });
  expect(page.status).toBe(200);
  expect(page.body).toContain('<!DOCTYPE html>');
  expect((await rawRequest(Number(port), 'GET', `/p/${previewId}/`)).status).toBe(404);

  const { expiresAt } = await system.storage.readPreview(previewId);
  const preview = await system.db
    .selectFrom('previews')
    .select('expires_at')
    .where('id', '=', previewId)
    .executeTakeFirstOrThrow();
  expect(expiresAt).toEqual(preview.expires_at);
  expect(expiresAt!.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
});
