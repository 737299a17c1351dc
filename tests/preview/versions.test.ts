import { cp, mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle } from '../../shared/bundle.ts';
import { previewUrl } from '../../shared/previews/index.ts';
import { publishVersion } from '../../worker/publish-bundle/publish-version.ts';
import {
  expectSecurityHeaders,
  rawRequest,
  startPreviewTestServer,
  versionFolder,
  type PreviewTestServer,
} from './preview-test-server.ts';
import { until } from '../support/until.ts';

let server: PreviewTestServer;
const hourMs = 60 * 60 * 1000;

beforeAll(async () => {
  server = await startPreviewTestServer();
});

afterAll(async () => {
  await server?.close();
});

/** A two-page site whose every page says which version it is, linking to the other page relatively. */
function site(label: string): Bundle {
  return {
    title: label,
    summary: '',
    files: [
      { path: 'index.html', content: `<h1>${label} home</h1><a href="about.html">About</a>` },
      { path: 'about.html', content: `<h1>${label} about</h1>` },
      { path: 'css/styles.css', content: `/* ${label} */ body { color: #333 }` },
    ],
  };
}

/** A preview with versions `one`, `two`, … as the worker publishes them. */
async function publishSite(...labels: string[]): Promise<string> {
  const expiresAt = new Date(Date.now() + hourMs);
  const [first, ...rest] = labels;
  const { previewId } = await publishVersion(server.storage, site(first!), { expiresAt });
  for (const label of rest) await publishVersion(server.storage, site(label), { previewId, expiresAt });
  return previewId;
}

const get = (target: string, headers: Record<string, string> = {}) => rawRequest(server.port, 'GET', target, headers);

describe('the plain preview URL', () => {
  it('serves the latest version, and the next one within a second of its publishing', async () => {
    const previewId = await publishSite('one', 'two');
    expect((await get(`/p/${previewId}/`)).body).toBe('<h1>two home</h1><a href="about.html">About</a>');
    expect((await get(`/p/${previewId}/css/styles.css`)).body).toContain('/* two */');
    await publishVersion(server.storage, site('three'), { previewId, expiresAt: new Date(Date.now() + hourMs) });
    // The server reads a preview's state again within a second (preview/serve-bundle/preview-cache.ts).
    await until(async () => (await get(`/p/${previewId}/about.html`)).body === '<h1>three about</h1>');
    expect((await get(`/p/${previewId}/`)).body).toContain('three home');
  });

  it('takes the highest version by number, not by name (10 after 9)', async () => {
    const previewId = await publishSite(...Array.from({ length: 10 }, (_, i) => `v${i + 1}`));
    expect((await get(`/p/${previewId}/`)).body).toContain('v10 home');
  });

  it('does not hand an old ETag a 304 once a newer version is out', async () => {
    const previewId = await publishSite('one');
    const etag = String((await get(`/p/${previewId}/`)).headers.etag);
    expect((await get(`/p/${previewId}/`, { 'if-none-match': etag })).status).toBe(304);
    await publishVersion(server.storage, site('second'), { previewId, expiresAt: new Date(Date.now() + hourMs) });
    await until(async () => (await get(`/p/${previewId}/`, { 'if-none-match': etag })).status !== 304);
    const after = await get(`/p/${previewId}/`, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.body).toContain('second home');
  });

  it('ignores whatever in v/ is not a version folder: staging, other names, files, symlinks', async () => {
    const previewId = await publishSite('one');
    const versions = path.join(server.previewsDir, previewId, 'v');
    await mkdir(path.join(versions, '.tmp-being-written'));
    await writeFile(path.join(versions, '.tmp-being-written', 'index.html'), 'half');
    await cp(versionFolder(server.previewsDir, previewId), path.join(versions, 'latest'), { recursive: true });
    await cp(versionFolder(server.previewsDir, previewId), path.join(versions, '02'), { recursive: true });
    await writeFile(path.join(versions, '3'), 'a file, not a folder');
    await symlink(versionFolder(server.previewsDir, previewId), path.join(versions, '4'));
    expect((await get(`/p/${previewId}/`)).body).toContain('one home');
    expect((await get(`/p/${previewId}/v/4/`)).status).toBe(404);
  });

  it('answers 404 for a preview that has no version at all', async () => {
    const previewId = await publishSite('one');
    const empty = 'e'.repeat(26);
    await mkdir(path.join(server.previewsDir, empty, 'v'), { recursive: true });
    await writeFile(
      path.join(server.previewsDir, empty, '.meta.json'),
      JSON.stringify({ expiresAt: new Date(Date.now() + hourMs).toISOString() }),
    );
    expect((await get(`/p/${empty}/`)).status).toBe(404);
    expect((await get(`/p/${previewId}/`)).status).toBe(200);
  });
});

describe('a version URL, /p/<id>/v/<n>/', () => {
  it('serves that version with every security header, its own type and revalidation', async () => {
    const previewId = await publishSite('one', 'two');
    const page = await get(`/p/${previewId}/v/1/`);
    expect(page.status).toBe(200);
    expect(page.body).toBe('<h1>one home</h1><a href="about.html">About</a>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers.etag).toBeTruthy();
    expectSecurityHeaders(page.headers);
    const stylesheet = await get(`/p/${previewId}/v/1/css/styles.css`);
    expect(stylesheet.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(stylesheet.body).toContain('/* one */');
    expectSecurityHeaders(stylesheet.headers);
    expect((await get(`/p/${previewId}/v/2/index.html`)).body).toContain('two home');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const previewId = await publishSite('one');
    const response = await rawRequest(server.port, 'HEAD', `/p/${previewId}/v/1/`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expectSecurityHeaders(response.headers);
    expect(response.body).toBe('');
  });

  it('redirects /p/<id>/v/<n> to /p/<id>/v/<n>/ so relative links stay inside the version', async () => {
    const previewId = await publishSite('one', 'two');
    const response = await get(`/p/${previewId}/v/1`);
    expect(response.status).toBe(301);
    expect(response.headers.location).toBe(`/p/${previewId}/v/1/`);
    expect(response.headers['cache-control']).toBe('no-store');
    expectSecurityHeaders(response.headers);
  });

  it("resolves a page's relative links inside its own version, as a browser does", async () => {
    const previewId = await publishSite('one', 'two');
    for (const [start, expected] of [
      [`/p/${previewId}/v/1`, '<h1>one about</h1>'],
      [`/p/${previewId}/v/2/`, '<h1>two about</h1>'],
      [`/p/${previewId}/`, '<h1>two about</h1>'],
    ] as const) {
      const page = await fetch(`${server.baseUrl}${start}`);
      const href = /href="([^"]+)"/.exec(await page.text())![1]!;
      expect(await (await fetch(new URL(href, page.url))).text(), start).toBe(expected);
    }
  });

  it.each([
    ['a version that was never published', '/v/3/'],
    ['a file of a version that was never published', '/v/3/index.html'],
    ['version 0', '/v/0/'],
    ['a leading zero', '/v/01/'],
    ['a negative number', '/v/-1/'],
    ['a decimal', '/v/1.0/'],
    ['a word', '/v/latest/'],
    ['no number', '/v/'],
    ['no number and no slash', '/v'],
    ['an empty segment', '/v//index.html'],
    ['a number too long to be a version', '/v/1234567890/'],
    ['versions inside a version', '/v/1/v/1/'],
    ['a missing file of a real version', '/v/1/missing.html'],
    ['a dotfile of the preview reached through a version', '/v/1/../../.meta.json'],
    ['an escaped slash after the version', '/v/1%2f..%2f..%2f.meta.json'],
  ])('answers %s with 404 and the security headers', async (_label, rest) => {
    const previewId = await publishSite('one', 'two');
    const response = await get(`/p/${previewId}${rest}`);
    expect(response.status, rest).toBe(404);
    expectSecurityHeaders(response.headers);
  });

  it('does not follow a symlinked version folder or versions folder', async () => {
    const target = await publishSite('one');
    const linkedVersion = await publishSite('two');
    await symlink(versionFolder(server.previewsDir, target), path.join(server.previewsDir, linkedVersion, 'v', '2'));
    expect((await get(`/p/${linkedVersion}/v/2/`)).status).toBe(404);
    const linkedVersions = 'l'.repeat(26);
    await mkdir(path.join(server.previewsDir, linkedVersions));
    await symlink(path.join(server.previewsDir, target, 'v'), path.join(server.previewsDir, linkedVersions, 'v'));
    expect((await get(`/p/${linkedVersions}/`)).status).toBe(404);
    expect((await get(`/p/${linkedVersions}/v/1/`)).status).toBe(404);
  });

  it('refuses a version page holding markup no CSP stops, like any page', async () => {
    const previewId = await publishSite('one', 'two');
    await writeFile(
      path.join(versionFolder(server.previewsDir, previewId, 1), 'index.html'),
      '<iframe src="https://evil.example/"></iframe>',
    );
    expect((await get(`/p/${previewId}/v/1/`)).status).toBe(403);
    expect((await get(`/p/${previewId}/`)).status).toBe(200);
  });
});

describe('the end of a preview covers all its versions', () => {
  it('answers 410 at every version once the preview expired', async () => {
    const previewId = await publishSite('one', 'two');
    await writeFile(
      path.join(server.previewsDir, previewId, '.meta.json'),
      JSON.stringify({ expiresAt: new Date(Date.now() - 1000).toISOString() }),
    );
    for (const target of [
      `/p/${previewId}/`,
      `/p/${previewId}/v/1/`,
      `/p/${previewId}/v/2/about.html`,
      `/p/${previewId}/v/1`,
      `/p/${previewId}/v/9/`,
    ]) {
      const response = await get(target);
      expect(response.status, target).toBe(410);
      expect(response.body).not.toContain('home');
      expectSecurityHeaders(response.headers);
    }
  });

  it('answers 410 at every version once the sweep left a tombstone', async () => {
    const previewId = await publishSite('one', 'two');
    await mkdir(path.join(server.previewsDir, '.gone'), { recursive: true });
    await writeFile(path.join(server.previewsDir, '.gone', previewId), '');
    expect((await get(`/p/${previewId}/v/1/`)).status).toBe(410);
    expect((await get(`/p/${previewId}/`)).status).toBe(410);
  });
});

describe('previewUrl', () => {
  it('links to a version in path mode and in subdomain mode', () => {
    const id = 'a'.repeat(26);
    expect(previewUrl('https://preview.test', id, 'path', 3)).toBe(`https://preview.test/p/${id}/v/3/`);
    expect(previewUrl('https://preview.test', id, 'subdomain', 3)).toBe(`https://${id}.preview.test/v/3/`);
    expect(previewUrl('https://preview.test', id, 'path')).toBe(`https://preview.test/p/${id}/`);
  });
});
