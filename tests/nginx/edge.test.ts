import { connect as tlsConnect } from 'node:tls';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../api/start-api.ts';
import { buildPreviewApp } from '../../preview/app.ts';
import { openPreviewStorage, type PreviewStorage } from '../../shared/previews/index.ts';
import { connectQueue, type JobQueue } from '../../shared/queue/index.ts';
import {
  createCertificate,
  edgeRequest,
  nginxBinary,
  plainRequest,
  startNginxEdge,
  type EdgeCertificate,
  type NginxEdge,
} from '../support/nginx-edge.ts';
import { testConfig, testLogger } from '../support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { expectSecurityHeaders, publishFixture } from '../preview/preview-test-server.ts';

/**
 * The real nginx with the repo's config in front of the real api and preview servers, all on
 * loopback: each public name reaches only its own service, the preview origin never carries a
 * cookie either way, and TLS works (the client verifies the certificate). Both preview host modes.
 */

const API = 'api.test';
const PREVIEW = 'preview.test';

if (!nginxBinary)
  console.warn(
    'tests/nginx skipped: no nginx binary at /usr/sbin/nginx, /usr/local/sbin/nginx or /usr/bin/nginx (CI installs nginx-light)',
  );

describe.skipIf(!nginxBinary)('the nginx edge', () => {
  let certificate: EdgeCertificate;
  let database: TestDatabase;
  let queue: JobQueue;
  let api: { url: string; close(): Promise<void> };
  let previewsDir: string;
  let storage: PreviewStorage;
  let previewId: string;
  const previews: { app: FastifyInstance; url: string; cookiesSeen: (string | undefined)[] }[] = [];
  let pathEdge: NginxEdge;
  let subdomainEdge: NginxEdge;

  /** The real preview app; on request (x-test-set-cookie) it tries to set a cookie, as a broken upstream would. */
  async function startPreviewUpstream(hostMode: 'path' | 'subdomain') {
    const app = await buildPreviewApp({ storage, hostMode, baseUrl: `https://${PREVIEW}` });
    const cookiesSeen: (string | undefined)[] = [];
    // Ahead of the app's own request handling (preview files are answered before fastify's hooks).
    app.server.prependListener('request', (request, response) => {
      cookiesSeen.push(request.headers.cookie);
      if (request.headers['x-test-set-cookie']) response.setHeader('set-cookie', 'tracker=1; Path=/');
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const upstream = { app, url, cookiesSeen };
    previews.push(upstream);
    return upstream;
  }

  beforeAll(async () => {
    certificate = await createCertificate(API, PREVIEW);
    previewsDir = await mkdtemp(path.join(tmpdir(), 'ao-nginx-previews-'));
    storage = await openPreviewStorage({ kind: 'fs', dir: previewsDir });
    previewId = await publishFixture(previewsDir, 'site', {}, { expiresAt: new Date(Date.now() + 3_600_000) });

    database = await createTestDatabase();
    const config = testConfig({ DATABASE_URL: database.url });
    queue = await connectQueue(config, testLogger());
    api = await startApi(config, { db: database.db, queue, log: testLogger() });
    const pathPreview = await startPreviewUpstream('path');
    const subdomainPreview = await startPreviewUpstream('subdomain');

    const upstream = (url: string) => new URL(url).host;
    [pathEdge, subdomainEdge] = await Promise.all([
      startNginxEdge({
        apiDomain: API,
        previewDomain: PREVIEW,
        previewHostMode: 'path',
        apiUpstream: upstream(api.url),
        previewUpstream: upstream(pathPreview.url),
        certificate,
      }),
      startNginxEdge({
        apiDomain: API,
        previewDomain: PREVIEW,
        previewHostMode: 'subdomain',
        apiUpstream: upstream(api.url),
        previewUpstream: upstream(subdomainPreview.url),
        certificate,
      }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([pathEdge?.stop(), subdomainEdge?.stop()]);
    for (const preview of previews) await preview.app.close();
    await api?.close();
    await queue?.close();
    await database?.drop();
    if (previewsDir) await rm(previewsDir, { recursive: true, force: true });
    if (certificate) await rm(certificate.dir, { recursive: true, force: true });
  });

  const get = (
    edge: NginxEdge,
    host: string,
    target: string,
    init: { method?: string; headers?: Record<string, string> } = {},
  ) => edgeRequest(edge.httpsPort, host, target, { ...init, ca: certificate.cert });

  describe('TLS', () => {
    it('serves both names over verified TLS 1.2 or 1.3 with the configured certificate', async () => {
      for (const host of [API, PREVIEW]) {
        const response = await get(pathEdge, host, '/health');
        expect(response.status, host).toBe(200);
        expect(response.protocol).toMatch(/^TLSv1\.[23]$/);
      }
    });

    it('sends HSTS on the api origin', async () => {
      expect((await get(pathEdge, API, '/health')).headers['strict-transport-security']).toBe('max-age=63072000');
    });

    it('refuses the handshake for a name that is neither domain', async () => {
      const outcome = await new Promise<string>((resolve) => {
        const socket = tlsConnect(
          { host: '127.0.0.1', port: pathEdge.httpsPort, servername: 'other.test', ca: certificate.cert },
          () => {
            socket.destroy();
            resolve('handshake completed');
          },
        );
        socket.on('error', (error: Error) => resolve(`refused: ${error.message}`));
      });
      expect(outcome).toMatch(/^refused/);
    });

    it('redirects plain HTTP to HTTPS on the same name', async () => {
      const response = await plainRequest(pathEdge.httpPort, PREVIEW, `/p/${previewId}/`);
      expect(response.status).toBe(301);
      expect(response.headers.location).toBe(`https://${PREVIEW}/p/${previewId}/`);
    });
  });

  describe('the api host never serves previews', () => {
    it.each(['/p/{id}/', '/p/{id}/styles.css', '/health/../p/{id}/'])(
      'answers %s with 404 and no page',
      async (template) => {
        const response = await get(pathEdge, API, template.replace('{id}', previewId));
        expect(response.status).toBe(404);
        expect(response.body).not.toContain('rgb(1, 2, 3)');
        expect(response.headers['content-security-policy']).toBeUndefined();
      },
    );

    it('answers its own /health from the api, not from the preview service', async () => {
      const response = await get(pathEdge, API, '/health');
      expect(response.status).toBe(200);
      expect(response.headers['content-security-policy']).toBeUndefined();
    });
  });

  describe('the preview host never serves the api', () => {
    it.each([
      ['POST', '/telegram/webhook'],
      ['GET', '/telegram/webhook'],
      ['GET', '/ready'],
      ['GET', '/metrics'],
      ['GET', '/'],
    ])('answers %s %s without reaching the api', async (method, target) => {
      const response = await get(pathEdge, PREVIEW, target, {
        method,
        headers: method === 'POST' ? { 'content-type': 'application/json' } : {},
      });
      expect([404, 405]).toContain(response.status);
      expect(response.body).not.toMatch(/update_id|"status"/);
    });

    it('answers /health from the preview service, security headers and all', async () => {
      const response = await get(pathEdge, PREVIEW, '/health');
      expect(response.status).toBe(200);
      expectSecurityHeaders(response.headers);
    });
  });

  describe('previews behind nginx', () => {
    it('serves a preview with every security header passed through', async () => {
      const response = await get(pathEdge, PREVIEW, `/p/${previewId}/`);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expectSecurityHeaders(response.headers);
    });

    it('never lets a cookie out of the preview origin, even when the upstream sets one', async () => {
      const direct = await fetch(`${previews[0]!.url}/p/${previewId}/`, { headers: { 'x-test-set-cookie': '1' } });
      expect(direct.headers.get('set-cookie')).toBe('tracker=1; Path=/');
      for (const target of [`/p/${previewId}/`, '/health', '/nope']) {
        const response = await get(pathEdge, PREVIEW, target, { headers: { 'x-test-set-cookie': '1' } });
        expect(response.headers['set-cookie'], target).toBeUndefined();
      }
    });

    it("never passes the browser's cookies on to the preview service", async () => {
      previews[0]!.cookiesSeen.length = 0;
      await get(pathEdge, PREVIEW, `/p/${previewId}/`, { headers: { cookie: 'session=secret' } });
      expect(previews[0]!.cookiesSeen).toEqual([undefined]);
    });

    it('answers anything but GET and HEAD on a preview with 405', async () => {
      expect((await get(pathEdge, PREVIEW, `/p/${previewId}/`, { method: 'POST' })).status).toBe(405);
      expect((await get(pathEdge, PREVIEW, `/p/${previewId}/`, { method: 'HEAD' })).status).toBe(200);
    });
  });

  describe('PREVIEW_HOST_MODE=subdomain', () => {
    it('serves each preview on its own name, over TLS verified against the wildcard certificate', async () => {
      const response = await get(subdomainEdge, `${previewId}.${PREVIEW}`, '/');
      expect(response.status).toBe(200);
      expect(response.protocol).toMatch(/^TLSv1\.[23]$/);
      expectSecurityHeaders(response.headers);
      expect((await get(subdomainEdge, `${previewId}.${PREVIEW}`, '/styles.css')).headers['content-type']).toBe(
        'text/css; charset=utf-8',
      );
    });

    it('serves no preview on the bare preview domain, /p/<id>/ included, but answers /health there', async () => {
      expect((await get(subdomainEdge, PREVIEW, `/p/${previewId}/`)).status).toBe(404);
      expect((await get(subdomainEdge, PREVIEW, '/')).status).toBe(404);
      expect((await get(subdomainEdge, PREVIEW, '/health')).status).toBe(200);
    });

    it('answers a name under the preview domain that is not a preview with 404', async () => {
      const response = await get(subdomainEdge, `www.${PREVIEW}`, '/');
      expect(response.status).toBe(404);
      expectSecurityHeaders(response.headers);
    });

    it('keeps the api and the previews apart here too, and sets no cookie', async () => {
      expect(
        (await get(subdomainEdge, `${previewId}.${PREVIEW}`, '/telegram/webhook', { method: 'POST' })).status,
      ).toBe(405);
      expect((await get(subdomainEdge, `${previewId}.${PREVIEW}`, '/ready')).status).toBe(404);
      expect((await get(subdomainEdge, API, '/')).status).toBe(404);
      const response = await get(subdomainEdge, `${previewId}.${PREVIEW}`, '/', {
        headers: { 'x-test-set-cookie': '1' },
      });
      expect(response.headers['set-cookie']).toBeUndefined();
    });

    it('redirects plain HTTP for a preview name to HTTPS on the same name', async () => {
      const response = await plainRequest(subdomainEdge.httpPort, `${previewId}.${PREVIEW}`, '/');
      expect(response.status).toBe(301);
      expect(response.headers.location).toBe(`https://${previewId}.${PREVIEW}/`);
    });
  });
});
