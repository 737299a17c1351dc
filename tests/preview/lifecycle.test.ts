import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPreviewId } from '../../shared/previews/index.ts';
import {
  expectSecurityHeaders,
  publishFixture,
  rawRequest,
  startPreviewTestServer,
  type PreviewTestServer,
} from './preview-test-server.ts';

let server: PreviewTestServer;
/** The preview's clock; tests move it past an expiry. */
let now = new Date('2030-06-01T12:00:00Z');
const hourMs = 60 * 60 * 1000;

beforeAll(async () => {
  server = await startPreviewTestServer({ now: () => now });
});

afterAll(async () => {
  await server?.close();
});

async function expectGone(target: string, method = 'GET', headers: Record<string, string> = {}): Promise<void> {
  const response = await rawRequest(server.port, method, target, headers);
  expect(response.status, `${method} ${target}`).toBe(410);
  expectSecurityHeaders(response.headers);
  expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.headers.etag).toBeUndefined();
  if (method === 'GET') expect(response.body).toContain('This preview is gone');
  else expect(response.body).toBe('');
}

describe('a preview past its expiry', () => {
  it('answers 410 with a small static page as soon as the expiry passes, before any sweep', async () => {
    const previewId = await publishFixture(
      server.previewsDir,
      'site',
      {},
      { expiresAt: new Date(now.getTime() + hourMs) },
    );
    expect((await rawRequest(server.port, 'GET', `/p/${previewId}/`)).status).toBe(200);
    now = new Date(now.getTime() + 2 * hourMs);
    await expectGone(`/p/${previewId}/`);
    await expectGone(`/p/${previewId}/styles.css`);
    await expectGone(`/p/${previewId}`);
  });

  it('answers 410 to HEAD, and to a revalidation with the old ETag instead of a 304', async () => {
    const previewId = await publishFixture(
      server.previewsDir,
      'site',
      {},
      { expiresAt: new Date(now.getTime() + hourMs) },
    );
    const fresh = await rawRequest(server.port, 'GET', `/p/${previewId}/styles.css`);
    const etag = String(fresh.headers.etag);
    expect((await rawRequest(server.port, 'GET', `/p/${previewId}/styles.css`, { 'if-none-match': etag })).status).toBe(
      304,
    );
    now = new Date(now.getTime() + 2 * hourMs);
    await expectGone(`/p/${previewId}/styles.css`, 'GET', { 'if-none-match': etag });
    await expectGone(`/p/${previewId}/`, 'HEAD');
  });

  it('never shows the old content in the 410 page', async () => {
    const previewId = await publishFixture(server.previewsDir, 'site', {}, { expiresAt: new Date(now.getTime() - 1) });
    const response = await rawRequest(server.port, 'GET', `/p/${previewId}/`);
    expect(response.status).toBe(410);
    expect(response.body).not.toContain('rgb(1, 2, 3)');
    expect(response.body).not.toMatch(/<link|<img/);
  });

  it('fails closed: an unreadable expiry record means 410, not the content', async () => {
    const broken = await publishFixture(server.previewsDir, 'site');
    await writeFile(path.join(server.previewsDir, broken, '.meta.json'), '{"expiresAt": "next tuesday"}');
    await expectGone(`/p/${broken}/`);
    const linked = await publishFixture(server.previewsDir, 'site');
    await writeFile(
      path.join(server.previewsDir, 'elsewhere.json'),
      JSON.stringify({ expiresAt: '2999-01-01T00:00:00Z' }),
    );
    await symlink(path.join(server.previewsDir, 'elsewhere.json'), path.join(server.previewsDir, linked, '.meta.json'));
    await expectGone(`/p/${linked}/`);
  });
});

describe('a live preview', () => {
  it('is served with ETag, Last-Modified and a no-cache policy, so a deletion shows on the next view', async () => {
    const previewId = await publishFixture(
      server.previewsDir,
      'site',
      {},
      { expiresAt: new Date(now.getTime() + 30 * 24 * hourMs) },
    );
    const response = await rawRequest(server.port, 'GET', `/p/${previewId}/`);
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers.etag).toBeTruthy();
    expect(response.headers['last-modified']).toBeTruthy();
    expectSecurityHeaders(response.headers);
  });

  it('is served when it has no expiry record (published before records existed); the sweep ends it', async () => {
    const previewId = await publishFixture(server.previewsDir, 'site');
    expect((await rawRequest(server.port, 'GET', `/p/${previewId}/`)).status).toBe(200);
  });
});

describe('a deleted preview', () => {
  it('answers 410 once the sweep left its tombstone, although its files are gone', async () => {
    const previewId = newPreviewId();
    await mkdir(path.join(server.previewsDir, '.gone'), { recursive: true });
    await writeFile(path.join(server.previewsDir, '.gone', previewId), '');
    await expectGone(`/p/${previewId}/`);
    await expectGone(`/p/${previewId}/index.html`, 'HEAD');
  });

  it('answers 410 even if a folder of that name were still there', async () => {
    const previewId = await publishFixture(server.previewsDir, 'site');
    await mkdir(path.join(server.previewsDir, '.gone'), { recursive: true });
    await writeFile(path.join(server.previewsDir, '.gone', previewId), '');
    await expectGone(`/p/${previewId}/`);
  });

  it('does not serve the tombstones themselves', async () => {
    const response = await rawRequest(server.port, 'GET', '/p/.gone/');
    expect(response.status).toBe(404);
  });
});

describe('cache policy of answers that are not files', () => {
  it.each([
    ['404', 'GET', `/p/${'a'.repeat(26)}/`],
    ['405', 'POST', '/health'],
    ['301', 'GET', `/p/${'b'.repeat(26)}`],
  ])('a %s is never stored', async (_status, method, target) => {
    const response = await rawRequest(server.port, method, target);
    expect(response.headers['cache-control']).toBe('no-store');
    expectSecurityHeaders(response.headers);
  });
});
