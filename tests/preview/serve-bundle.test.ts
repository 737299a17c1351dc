import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPreviewApp } from '../../preview/app.ts';
import {
  expectedSecurityHeaders,
  expectSecurityHeaders,
  publishFixture,
  rawRequest,
  startPreviewTestServer,
  type PreviewTestServer,
  versionFolder,
} from './preview-test-server.ts';

let server: PreviewTestServer;
let previewId: string;

beforeAll(async () => {
  server = await startPreviewTestServer();
  previewId = await publishFixture(server.previewsDir, 'site');
});

afterAll(async () => {
  await server?.close();
});

describe('serving a published bundle', () => {
  it('serves index.html at /p/<id>/ as utf-8 html with every required security header', async () => {
    const response = await fetch(`${server.baseUrl}/p/${previewId}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(expectedSecurityHeaders['content-security-policy']);
    expectSecurityHeaders(response.headers);
    expect(await response.text()).toBe(
      await readFile(path.join(versionFolder(server.previewsDir, previewId), 'index.html'), 'utf8'),
    );
  });

  it('serves index.html inline, never as an attachment', async () => {
    const response = await fetch(`${server.baseUrl}/p/${previewId}/index.html`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBeNull();
  });

  it('serves styles.css as text/css with the security headers', async () => {
    const response = await fetch(`${server.baseUrl}/p/${previewId}/styles.css`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/css(;|$)/);
    expectSecurityHeaders(response.headers);
    expect(await response.text()).toContain('rgb(1, 2, 3)');
  });

  it('serves an image in a subfolder with its image type', async () => {
    const response = await fetch(`${server.baseUrl}/p/${previewId}/img/dot.png`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expectSecurityHeaders(response.headers);
  });

  it('serves a .txt file as text/plain', async () => {
    const response = await fetch(`${server.baseUrl}/p/${previewId}/notes.txt`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain(;|$)/);
  });

  it("serves .svg as an image and .ico with its icon type, from the bundle rules' own table", async () => {
    await writeFile(
      path.join(versionFolder(server.previewsDir, previewId), 'logo.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
    );
    await writeFile(path.join(versionFolder(server.previewsDir, previewId), 'favicon.ico'), Buffer.from([0, 0, 1, 0]));
    expect((await fetch(`${server.baseUrl}/p/${previewId}/logo.svg`)).headers.get('content-type')).toBe(
      'image/svg+xml',
    );
    expect((await fetch(`${server.baseUrl}/p/${previewId}/favicon.ico`)).headers.get('content-type')).toBe(
      'image/x-icon',
    );
  });

  it.each(['app.js', 'page.htm', 'data.json', 'font.woff2', 'README'])(
    'never serves %s, a type no bundle may hold, even if it is on disk',
    async (name) => {
      await writeFile(path.join(versionFolder(server.previewsDir, previewId), name), 'alert(1)');
      const response = await fetch(`${server.baseUrl}/p/${previewId}/${name}`);
      expect(response.status).toBe(404);
      expectSecurityHeaders(response.headers);
    },
  );

  it('answers HEAD with the headers of GET and no body', async () => {
    const response = await rawRequest(server.port, 'HEAD', `/p/${previewId}/`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(Number(response.headers['content-length'])).toBeGreaterThan(0);
    expectSecurityHeaders(response.headers);
    expect(response.body).toBe('');
  });

  it('asks the browser to revalidate every time and sends ETag and Last-Modified', async () => {
    const response = await fetch(`${server.baseUrl}/p/${previewId}/styles.css`);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('etag')).toBeTruthy();
    expect(response.headers.get('last-modified')).toBeTruthy();
  });

  it('answers a matching If-None-Match with 304 and the security headers', async () => {
    const first = await fetch(`${server.baseUrl}/p/${previewId}/styles.css`);
    const etag = first.headers.get('etag') ?? '';
    const second = await rawRequest(server.port, 'GET', `/p/${previewId}/styles.css`, { 'if-none-match': etag });
    expect(second.status).toBe(304);
    expectSecurityHeaders(second.headers);
  });

  it('lets no other origin load any bundle file: pages, stylesheets and errors all say CORP same-origin', async () => {
    const page = await fetch(`${server.baseUrl}/p/${previewId}/`);
    const stylesheet = await fetch(`${server.baseUrl}/p/${previewId}/styles.css`);
    const missing = await fetch(`${server.baseUrl}/p/${previewId}/missing.css`);
    expect(page.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(stylesheet.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(missing.headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });

  it('ignores a query string when choosing the file', async () => {
    const response = await fetch(`${server.baseUrl}/p/${previewId}/styles.css?v=2`);
    expect(response.status).toBe(200);
  });

  it('redirects /p/<id> to /p/<id>/ so relative links resolve inside the bundle', async () => {
    const response = await fetch(`${server.baseUrl}/p/${previewId}`, { redirect: 'manual' });
    expect([301, 308]).toContain(response.status);
    expect(response.headers.get('location')).toBe(`/p/${previewId}/`);
    expectSecurityHeaders(response.headers);
  });
});

describe('answers outside a bundle', () => {
  it('answers /health with 200 {"status":"ok"} and the security headers', async () => {
    const response = await fetch(`${server.baseUrl}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expectSecurityHeaders(response.headers);
  });

  it('answers an unknown but well-formed preview id with 404 and the security headers', async () => {
    const response = await fetch(`${server.baseUrl}/p/${'a'.repeat(26)}/`);
    expect(response.status).toBe(404);
    expectSecurityHeaders(response.headers);
  });

  it('answers a missing file in a real bundle with a short plain 404', async () => {
    const response = await fetch(`${server.baseUrl}/p/${previewId}/missing.html`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe('Not Found\n');
    expectSecurityHeaders(response.headers);
  });

  it('answers a path outside /p/ with 404 and the security headers', async () => {
    const response = await fetch(`${server.baseUrl}/index.html`);
    expect(response.status).toBe(404);
    expectSecurityHeaders(response.headers);
  });

  it.each([
    ['too short', 'abc'],
    ['uppercase', 'A'.repeat(26)],
    ['wrong alphabet', '0'.repeat(26)],
    ['too long', 'a'.repeat(200)],
  ])('answers a malformed preview id (%s) with 404', async (_label, badId) => {
    for (const target of [`/p/${badId}/`, `/p/${badId}`]) {
      const response = await rawRequest(server.port, 'GET', target);
      expect(response.status, target).toBe(404);
      expectSecurityHeaders(response.headers);
    }
  });

  it('answers a folder that is not a file with 404 rather than a listing', async () => {
    const response = await fetch(`${server.baseUrl}/p/${previewId}/img/`);
    expect(response.status).toBe(404);
    const withoutSlash = await fetch(`${server.baseUrl}/p/${previewId}/img`, { redirect: 'manual' });
    expect(withoutSlash.status).toBe(404);
  });

  it('never sets a cookie, whatever the answer', async () => {
    const targets = [
      '/health',
      `/p/${previewId}/`,
      `/p/${previewId}`,
      `/p/${previewId}/styles.css`,
      '/nope',
      `/p/${previewId}/..%2f..%2fx`,
    ];
    for (const target of targets) {
      for (const method of ['GET', 'HEAD', 'POST']) {
        const response = await rawRequest(server.port, method, target);
        expect(response.headers['set-cookie'], `${method} ${target}`).toBeUndefined();
      }
    }
  });
});

describe('failures on our side', () => {
  it('answers an unexpected error with a bare 500 that carries the security headers and logs it once', async () => {
    const logLines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
    const app = await buildPreviewApp({ storage: server.storage, logger });
    app.get('/explode', () => {
      throw new Error('/secret/internal/path exploded');
    });
    const response = await app.inject({ method: 'GET', url: '/explode' });
    await app.close();

    expect(response.statusCode).toBe(500);
    expect(response.body).toBe('Internal Server Error\n');
    expectSecurityHeaders(response.headers);
    const errorLines = logLines
      .map((line) => JSON.parse(line) as { level: number; err?: { message: string } })
      .filter((line) => line.level >= 50);
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]?.err?.message).toBe('/secret/internal/path exploded');
  });
});
