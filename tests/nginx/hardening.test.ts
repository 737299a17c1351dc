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
  startNginxEdge,
  type EdgeCertificate,
  type NginxEdge,
} from '../support/nginx-edge.ts';
import { testConfig, testLogger } from '../support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { textUpdate } from '../support/updates.ts';
import { publishFixture } from '../preview/preview-test-server.ts';

/**
 * The edge's hardening, with the real nginx and the repo's config in front of the real api and
 * preview servers: HSTS on both origins, and limit_req answering 429 past the burst, per client
 * address, before the request reaches a service. The rates are set low here (one a minute, so a
 * slow machine cannot refill the bucket during a test); compose's defaults are in render.sh.
 */

const API = 'api.test';
const PREVIEW = 'preview.test';
const HSTS = 'max-age=63072000';
const BURST = 4;
const SECRET = 'edge-hardening_secret';
const SLOW = { NGINX_WEBHOOK_RATE: '1r/m', NGINX_WEBHOOK_BURST: String(BURST), NGINX_PREVIEW_RATE: '1r/m' };

if (!nginxBinary)
  console.warn(
    'tests/nginx skipped: no nginx binary at /usr/sbin/nginx, /usr/local/sbin/nginx or /usr/bin/nginx (CI installs nginx-light)',
  );

describe.skipIf(!nginxBinary)('the nginx edge, hardened', () => {
  let certificate: EdgeCertificate;
  let database: TestDatabase;
  let queue: JobQueue;
  let api: { url: string; close(): Promise<void> };
  let previewsDir: string;
  let storage: PreviewStorage;
  let previewId: string;
  const previews: FastifyInstance[] = [];
  const edges: NginxEdge[] = [];

  async function previewUpstream(hostMode: 'path' | 'subdomain') {
    const app = await buildPreviewApp({ storage, hostMode, baseUrl: `https://${PREVIEW}` });
    previews.push(app);
    return new URL(await app.listen({ host: '127.0.0.1', port: 0 })).host;
  }

  async function edge(hostMode: 'path' | 'subdomain', env: Record<string, string>) {
    const started = await startNginxEdge({
      apiDomain: API,
      previewDomain: PREVIEW,
      previewHostMode: hostMode,
      apiUpstream: new URL(api.url).host,
      previewUpstream: await previewUpstream(hostMode),
      certificate,
      env,
    });
    edges.push(started);
    return started;
  }

  const get = (
    edge: NginxEdge,
    host: string,
    target: string,
    init: { method?: string; headers?: Record<string, string> } = {},
  ) => edgeRequest(edge.httpsPort, host, target, { ...init, ca: certificate.cert });

  beforeAll(async () => {
    certificate = await createCertificate(API, PREVIEW);
    previewsDir = await mkdtemp(path.join(tmpdir(), 'ao-nginx-hardening-'));
    storage = await openPreviewStorage({ kind: 'fs', dir: previewsDir });
    previewId = await publishFixture(previewsDir, 'site', {}, { expiresAt: new Date(Date.now() + 3_600_000) });
    database = await createTestDatabase();
    // With the secret, as in production: the api records what nginx lets through.
    const config = testConfig({ DATABASE_URL: database.url, TELEGRAM_SECRET_TOKEN: SECRET });
    queue = await connectQueue(config, testLogger());
    api = await startApi(config, { db: database.db, queue, log: testLogger() });
  });

  afterAll(async () => {
    await Promise.all(edges.map((e) => e.stop()));
    for (const app of previews) await app.close();
    await api?.close();
    await queue?.close();
    await database?.drop();
    if (previewsDir) await rm(previewsDir, { recursive: true, force: true });
    if (certificate) await rm(certificate.dir, { recursive: true, force: true });
  });

  describe('HSTS', () => {
    it('is sent on the preview origin, with previews and with errors, as on the api origin', async () => {
      const path = await edge('path', {});
      for (const target of [`/p/${previewId}/`, '/health', '/nope', `/p/${'a'.repeat(26)}/`]) {
        const response = await get(path, PREVIEW, target);
        expect(response.headers['strict-transport-security'], `${target} (${response.status})`).toBe(HSTS);
      }
      expect((await get(path, API, '/health')).headers['strict-transport-security']).toBe(HSTS);
    });

    it('is sent on every preview origin in subdomain mode, and on the bare preview domain', async () => {
      const subdomain = await edge('subdomain', {});
      for (const [host, target] of [
        [`${previewId}.${PREVIEW}`, '/'],
        [`${previewId}.${PREVIEW}`, '/styles.css'],
        [PREVIEW, '/health'],
        [PREVIEW, '/'],
      ] as const) {
        const response = await get(subdomain, host, target);
        expect(response.headers['strict-transport-security'], `${host}${target} (${response.status})`).toBe(HSTS);
      }
    });
  });

  describe('limit_req', () => {
    it('answers 429 to webhook posts past the burst, and those never reach the api', async () => {
      const limited = await edge('path', SLOW);
      const statuses: number[] = [];
      for (let i = 0; i < BURST + 4; i += 1) {
        const response = await edgeRequest(limited.httpsPort, API, '/telegram/webhook', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
          body: JSON.stringify(textUpdate('/help')),
          ca: certificate.cert,
        });
        statuses.push(response.status);
      }
      // The first request and the burst pass; the rest are refused at the edge.
      expect(statuses).toEqual([...Array<number>(BURST + 1).fill(200), 429, 429, 429]);
      const recorded = await database.db.selectFrom('updates').select('update_id').execute();
      expect(recorded).toHaveLength(BURST + 1);
    });

    it('answers 429 on the preview host past its burst, while the api host keeps answering', async () => {
      const limited = await edge('path', { ...SLOW, NGINX_PREVIEW_BURST: String(BURST) });
      const statuses: number[] = [];
      for (let i = 0; i < BURST + 3; i += 1) statuses.push((await get(limited, PREVIEW, `/p/${previewId}/`)).status);
      expect(statuses).toEqual([...Array<number>(BURST + 1).fill(200), 429, 429]);
      const refused = await get(limited, PREVIEW, `/p/${previewId}/`);
      expect(refused.headers['content-security-policy']).toBeUndefined(); // nginx's own answer, not the service's
      expect((await get(limited, API, '/health')).status).toBe(200);
    });
  });
});
