import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle } from '../../shared/bundle.ts';
import { previewUrl } from '../../shared/previews/index.ts';
import { publishVersion } from '../../worker/publish-bundle/publish-version.ts';
import {
  expectSecurityHeaders,
  publishFixture,
  rawRequest,
  startPreviewTestServer,
  type PreviewTestServer,
} from './preview-test-server.ts';

let server: PreviewTestServer;
let previewId: string;

beforeAll(async () => {
  server = await startPreviewTestServer({ hostMode: 'subdomain', baseUrl: 'https://preview.test' });
  previewId = await publishFixture(server.previewsDir, 'site', {}, { expiresAt: new Date(Date.now() + 3_600_000) });
});

afterAll(async () => {
  await server?.close();
});

const page = (text: string): Bundle => ({ title: text, summary: '', files: [{ path: 'index.html', content: text }] });
const get = (host: string, target: string, method = 'GET') => rawRequest(server.port, method, target, { host });

describe('PREVIEW_HOST_MODE=subdomain', () => {
  it('links to each preview on its own host', () => {
    expect(previewUrl('https://preview.test', previewId, 'subdomain')).toBe(`https://${previewId}.preview.test/`);
    expect(previewUrl('http://localhost:8001', previewId, 'subdomain')).toBe(`http://${previewId}.localhost:8001/`);
    expect(previewUrl('https://preview.test', previewId)).toBe(`https://preview.test/p/${previewId}/`);
  });

  it('serves the preview named by the first label of the Host header at /', async () => {
    const response = await get(`${previewId}.preview.test`, '/');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expectSecurityHeaders(response.headers);
  });

  it('serves the files of that preview at their paths, whatever the port or letter case of the Host header', async () => {
    const response = await get(`${previewId.toUpperCase()}.Preview.Test:8443`, '/styles.css');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get(`${previewId}.preview.test`, '/img/dot.png', 'HEAD')).headers['content-type']).toBe('image/png');
  });

  it('does not serve /p/<id>/ in this mode, on any host', async () => {
    for (const host of ['preview.test', `${previewId}.preview.test`]) {
      const response = await get(host, `/p/${previewId}/`);
      expect(response.status, host).toBe(404);
      expectSecurityHeaders(response.headers);
    }
  });

  it.each([
    ['the bare preview domain', 'preview.test'],
    ['an unknown preview id', `${'a'.repeat(26)}.preview.test`],
    ['a label that is not a preview id', 'www.preview.test'],
    ['a name one level deeper', `x.${previewId}.preview.test`],
    ['another domain', `${previewId}.evil.example`],
    ['a domain that only ends like ours', `${previewId}.notpreview.test`],
  ])('answers %s with 404', async (_label, host) => {
    const response = await get(host, '/');
    expect(response.status).toBe(404);
    expectSecurityHeaders(response.headers);
  });

  it('picks the preview from Host, never from X-Forwarded-Host', async () => {
    const response = await rawRequest(server.port, 'GET', '/', {
      host: 'preview.test',
      'x-forwarded-host': `${previewId}.preview.test`,
    });
    expect(response.status).toBe(404);
  });

  it('answers /health on any host', async () => {
    expect((await get('preview.test', '/health')).status).toBe(200);
  });

  it('answers 410 for an expired or deleted preview here too', async () => {
    const gone = await publishFixture(server.previewsDir, 'site', {}, { expiresAt: new Date(Date.now() - 1000) });
    expect((await get(`${gone}.preview.test`, '/')).status).toBe(410);
    await mkdir(path.join(server.previewsDir, '.gone'), { recursive: true });
    await writeFile(path.join(server.previewsDir, '.gone', 'cccccccccccccccccccccccccc'), '');
    expect((await get('cccccccccccccccccccccccccc.preview.test', '/')).status).toBe(410);
  });

  it('serves the latest version at / and each version at /v/<n>/, redirecting /v/<n> to add the slash', async () => {
    const { previewId: id } = await publishVersion(server.storage, page('first'), {
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    await publishVersion(server.storage, page('second'), {
      previewId: id,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    const host = `${id}.preview.test`;
    expect((await get(host, '/')).body).toBe('second');
    const first = await get(host, '/v/1/');
    expect(first.status).toBe(200);
    expect(first.body).toBe('first');
    expect(first.headers['content-type']).toBe('text/html; charset=utf-8');
    expectSecurityHeaders(first.headers);
    expect((await get(host, '/v/2/index.html')).body).toBe('second');
    const redirect = await get(host, '/v/1');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe('/v/1/');
    expectSecurityHeaders(redirect.headers);
    for (const target of ['/v/3/', '/v/01/', '/v/', '/v/1/v/1/'])
      expect((await get(host, target)).status, target).toBe(404);
    expect(previewUrl('https://preview.test', id, 'subdomain', 1)).toBe(`https://${host}/v/1/`);
  });

  it('still refuses traversal and anything that is not a bundle file', async () => {
    for (const target of ['/../secret.txt', '/%2e%2e/x', '/.meta.json', '/img/', '/a/b/c/d.html', '/index.html%00']) {
      expect((await get(`${previewId}.preview.test`, target)).status, target).toBe(404);
    }
  });
});
