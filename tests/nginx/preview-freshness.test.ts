import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPreviewStorage, type PreviewStorage, type StoredFile } from '../../shared/previews/index.ts';
import {
  expectSecurityHeaders,
  startPreviewTestServer,
  type PreviewTestServer,
} from '../preview/preview-test-server.ts';
import {
  createCertificate,
  edgeRequest,
  nginxBinary,
  startNginxEdge,
  type EdgeCertificate,
  type NginxEdge,
} from '../support/nginx-edge.ts';
import { startTestS3Server, type TestS3Server } from '../support/s3-server.ts';
import { startStallingProxy, type StallingProxy } from '../support/stalling-proxy.ts';

/**
 * The production path keeps the preview's promises: through the repo's nginx config, a deleted
 * preview answers 410 within a second even while a client keeps requesting it, a 503 from a stalled
 * store is never kept (the next request after the store recovers gets the page), and every answer
 * keeps the preview's security headers. Whatever cache is ever put in front must keep these.
 */

const API = 'api.test';
const PREVIEW = 'preview.test';
const hourMs = 60 * 60 * 1000;
const files: StoredFile[] = [{ path: 'index.html', bytes: Buffer.from('<h1>fresh</h1>') }];

describe.skipIf(!nginxBinary)('previews through the nginx edge', () => {
  let certificate: EdgeCertificate;
  let s3: TestS3Server;
  let proxy: StallingProxy;
  let storage: PreviewStorage;
  let preview: PreviewTestServer;
  let edge: NginxEdge;

  beforeAll(async () => {
    certificate = await createCertificate(API, PREVIEW);
    s3 = await startTestS3Server();
    const endpoint = new URL(s3.endpoint);
    proxy = await startStallingProxy({ host: endpoint.hostname, port: Number(endpoint.port) });
    storage = await openPreviewStorage({ ...s3.storageConfig(), endpoint: proxy.url });
    preview = await startPreviewTestServer({ storage, readTimeoutMs: 500 });
    edge = await startNginxEdge({
      apiDomain: API,
      previewDomain: PREVIEW,
      previewHostMode: 'path',
      // No api here: its routes are not what this file is about.
      apiUpstream: '127.0.0.1:9',
      previewUpstream: new URL(preview.baseUrl).host,
      certificate,
      // One client polling as fast as it can: the per-address limit is not what this file is about.
      env: { NGINX_PREVIEW_RATE: '100000r/s', NGINX_PREVIEW_BURST: '100000' },
    });
  });
  afterAll(async () => {
    await edge?.stop();
    await preview?.close();
    await storage?.close();
    await proxy?.close();
    await s3?.close();
  });

  const get = (target: string) => edgeRequest(edge.httpsPort, PREVIEW, target, { ca: certificate.cert });

  it('answers 410 within a second of a deletion while a client keeps requesting through the edge', async () => {
    const { previewId } = await storage.publishVersion(files, { expiresAt: new Date(Date.now() + hourMs) });
    expect((await get(`/p/${previewId}/`)).status).toBe(200);
    let deletedAt = Infinity;
    const seen: { sentAt: number; status: number }[] = [];
    const client = (async () => {
      while (Date.now() < deletedAt + 1500) {
        const sentAt = Date.now();
        const response = await get(`/p/${previewId}/`);
        seen.push({ sentAt, status: response.status });
        if (response.status === 410) expectSecurityHeaders(response.headers);
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await storage.removePreview(previewId);
    deletedAt = Date.now();
    await client;
    const late = seen.filter(({ sentAt }) => sentAt >= deletedAt + 1000);
    expect(late.length).toBeGreaterThan(0);
    expect(late.every(({ status }) => status === 410)).toBe(true);
  });

  it('passes a 503 from a stalled store on with its headers, and never serves it again once the store answers', async () => {
    const { previewId } = await storage.publishVersion(files, { expiresAt: new Date(Date.now() + hourMs) });
    proxy.stall(true);
    try {
      const stalled = await get(`/p/${previewId}/`);
      expect(stalled.status).toBe(503);
      expect(stalled.headers['retry-after']).toBe('1');
      expectSecurityHeaders(stalled.headers);
    } finally {
      proxy.stall(false);
    }
    // The very next request: nothing in between kept the 503.
    const page = await get(`/p/${previewId}/`);
    expect(page.status).toBe(200);
    expect(page.body).toBe('<h1>fresh</h1>');
    expectSecurityHeaders(page.headers);
  });
});
