import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deletePreview } from '../../ops/commands/previews.ts';
import {
  openPreviewStorage,
  sweepPreviews,
  type PreviewStorage,
  type StoredFile,
} from '../../shared/previews/index.ts';
import { insertJob } from '../ops/seed.ts';
import { startTestS3Server, type TestS3Server } from '../support/s3-server.ts';
import { startStallingProxy, type StallingProxy } from '../support/stalling-proxy.ts';
import { openStorageUnderTest, storageKinds, type StorageUnderTest } from '../support/storage-under-test.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { until } from '../support/until.ts';
import {
  expectSecurityHeaders,
  rawRequest,
  startPreviewTestServer,
  type PreviewTestServer,
} from './preview-test-server.ts';

/**
 * The preview server over each storage adapter: what it keeps in memory, and how soon a change in
 * storage — removal, expiry, a version deleted or added — reaches a page that is being requested
 * all the time. The promise (docs/architecture.md, Previews): an expired or deleted preview answers 410 within 1 s, even while hot.
 */

const hourMs = 60 * 60 * 1000;
const page = (label: string, bytes = 20 * 1024): StoredFile[] => [
  { path: 'index.html', bytes: Buffer.from(`<h1>${label}</h1>${'<p>coffee</p>'.repeat(bytes / 13)}`) },
  { path: 'styles.css', bytes: Buffer.from(`/* ${label} */ body { color: #333 }`) },
];

/** Counts the storage reads the server makes; everything else is the real storage underneath. */
function countingReads(storage: PreviewStorage) {
  const counts = { readPreview: 0, readFile: 0 };
  const counted: PreviewStorage = {
    ...storage,
    readPreview: (...args) => {
      counts.readPreview += 1;
      return storage.readPreview(...args);
    },
    readFile: (...args) => {
      counts.readFile += 1;
      return storage.readFile(...args);
    },
  };
  return { counted, counts };
}

interface Seen {
  sentAt: number;
  status: number;
  body: string;
}

/**
 * Requests `target` over and over (one at a time, as a browser reloading) until `stop()` says so,
 * recording when each request was sent and what came back.
 */
function keepRequesting(server: PreviewTestServer, target: string, stop: (seen: Seen[]) => boolean) {
  const seen: Seen[] = [];
  const done = (async () => {
    const deadline = Date.now() + 30_000;
    while (!stop(seen) && Date.now() < deadline) {
      const sentAt = Date.now();
      const response = await rawRequest(server.port, 'GET', target);
      seen.push({ sentAt, status: response.status, body: response.body });
    }
    return seen;
  })();
  return done;
}

describe.each(storageKinds)('the preview server over %s storage', (kind) => {
  let under: StorageUnderTest;
  let database: TestDatabase;
  let server: PreviewTestServer;
  let reads: ReturnType<typeof countingReads>;

  beforeAll(async () => {
    [under, database] = await Promise.all([openStorageUnderTest(kind), createTestDatabase()]);
    reads = countingReads(under.storage);
    server = await startPreviewTestServer({ storage: reads.counted });
  });
  afterAll(async () => {
    await server?.close();
    await under?.close();
    await database?.drop();
  });

  /** A preview published through the storage, with its row as the worker leaves it. */
  async function publish(files: StoredFile[], expiresAt = new Date(Date.now() + hourMs)): Promise<string> {
    const { previewId } = await under.storage.publishVersion(files, { expiresAt });
    const job = await insertJob(database.db, { status: 'done', preview_id: previewId });
    await database.db
      .insertInto('previews')
      .values({ id: previewId, job_id: job.id, title: 'Cafe', expires_at: expiresAt })
      .execute();
    return previewId;
  }

  it('serves a hot page from memory: no storage read per request, every header on each answer', async () => {
    const previewId = await publish(page('hot'));
    const first = await rawRequest(server.port, 'GET', `/p/${previewId}/`);
    expect(first.status).toBe(200);
    const filesRead = reads.counts.readFile;
    const statesRead = reads.counts.readPreview;
    const start = Date.now();
    for (let i = 0; i < 50; i++) {
      const response = await rawRequest(server.port, 'GET', `/p/${previewId}/`);
      expect(response.status).toBe(200);
      expect(response.body).toBe(first.body);
      expectSecurityHeaders(response.headers);
    }
    expect(reads.counts.readFile).toBe(filesRead);
    // The state is read again at most once per 100 ms of requests, in the background.
    expect(reads.counts.readPreview - statesRead).toBeLessThanOrEqual(1 + (Date.now() - start) / 100);
  });

  it('answers a revalidation with 304 and every header, by ETag and by date', async () => {
    const previewId = await publish(page('cached'));
    const first = await rawRequest(server.port, 'GET', `/p/${previewId}/styles.css`);
    const byTag = await rawRequest(server.port, 'GET', `/p/${previewId}/styles.css`, {
      'if-none-match': String(first.headers.etag),
    });
    expect(byTag.status).toBe(304);
    expect(byTag.body).toBe('');
    expectSecurityHeaders(byTag.headers);
    const byDate = await rawRequest(server.port, 'GET', `/p/${previewId}/styles.css`, {
      'if-modified-since': String(first.headers['last-modified']),
    });
    expect(byDate.status).toBe(304);
    const otherTag = await rawRequest(server.port, 'GET', `/p/${previewId}/styles.css`, { 'if-none-match': '"other"' });
    expect(otherTag.status).toBe(200);
  });

  it('answers 410 within a second of `ops preview delete`, while a client keeps requesting the page', async () => {
    const previewId = await publish(page('deleted'));
    let deletedAt = Infinity;
    const requests = keepRequesting(server, `/p/${previewId}/`, () => Date.now() > deletedAt + 1500);
    await until(async () => (await rawRequest(server.port, 'GET', `/p/${previewId}/`)).status === 200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await deletePreview(database.db, under.storage, previewId);
    deletedAt = Date.now();
    const seen = await requests;

    expect(seen.some(({ status, sentAt }) => status === 200 && sentAt < deletedAt)).toBe(true);
    // Never anything but the page or the gone page on the way: no 404, no 5xx, no half answer.
    for (const { status, body } of seen) {
      expect([200, 410]).toContain(status);
      if (status === 200) expect(body).toContain('<h1>deleted</h1>');
      else expect(body).toContain('This preview is gone');
    }
    const late = seen.filter(({ sentAt }) => sentAt >= deletedAt + 1000);
    expect(late.length).toBeGreaterThan(0);
    expect(late.every(({ status }) => status === 410)).toBe(true);
  });

  it('answers a file not yet in memory of a preview being removed with 410, not 404', async () => {
    const previewId = await publish(page('removed'));
    expect((await rawRequest(server.port, 'GET', `/p/${previewId}/`)).status).toBe(200);
    // Past the 100 ms in which a state is reused as it is, within the 750 ms it still serves content.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await under.storage.removePreview(previewId);
    const stylesheet = await rawRequest(server.port, 'GET', `/p/${previewId}/styles.css`);
    expect(stylesheet.status).toBe(410);
    expectSecurityHeaders(stylesheet.headers);
  });

  it('answers 410 from the moment its expiry passes, while a client keeps requesting the page', async () => {
    const expiresAt = new Date(Date.now() + 1500);
    const previewId = await publish(page('expiring'), expiresAt);
    const seen = await keepRequesting(server, `/p/${previewId}/`, () => Date.now() > expiresAt.getTime() + 500);
    expect(seen.some(({ status }) => status === 200)).toBe(true);
    const after = seen.filter(({ sentAt }) => sentAt >= expiresAt.getTime());
    expect(after.length).toBeGreaterThan(0);
    expect(after.every(({ status }) => status === 410)).toBe(true);
    expect(seen.every(({ status }) => status === 200 || status === 410)).toBe(true);
  });

  it('answers 410 for a preview the sweep removed, once its row says it expired', async () => {
    const previewId = await publish(page('swept'));
    expect((await rawRequest(server.port, 'GET', `/p/${previewId}/`)).status).toBe(200);
    await database.db
      .updateTable('previews')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', previewId)
      .execute();
    expect(await sweepPreviews({ db: database.db, storage: under.storage, now: new Date() })).toContain(previewId);
    await until(async () => (await rawRequest(server.port, 'GET', `/p/${previewId}/`)).status === 410);
  });

  it('stops serving a version deleted on its own within a second, and keeps the others', async () => {
    const previewId = await publish(page('one'));
    await under.storage.publishVersion(page('two'), { previewId, expiresAt: new Date(Date.now() + hourMs) });
    await until(async () => (await rawRequest(server.port, 'GET', `/p/${previewId}/v/2/`)).status === 200);
    expect((await rawRequest(server.port, 'GET', `/p/${previewId}/v/1/`)).status).toBe(200);
    await under.storage.deleteVersion(previewId, 1);
    await until(async () => (await rawRequest(server.port, 'GET', `/p/${previewId}/v/1/`)).status === 404);
    const late = await rawRequest(server.port, 'GET', `/p/${previewId}/v/1/`);
    expect(late.status).toBe(404);
    expectSecurityHeaders(late.headers);
    expect((await rawRequest(server.port, 'GET', `/p/${previewId}/`)).body).toContain('<h1>two</h1>');
  });

  it('with room for a few files only, serves many in turn correctly, reading evicted ones again', async () => {
    const small = await startPreviewTestServer({ storage: under.storage, cacheBytes: 64 * 1024 });
    try {
      const previews = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((label) => publish(page(label))));
      for (let round = 0; round < 2; round++) {
        for (const [i, previewId] of previews.entries()) {
          const response = await rawRequest(small.port, 'GET', `/p/${previewId}/`);
          expect(response.status).toBe(200);
          expect(response.body).toContain(`<h1>${'abcde'[i]}</h1>`);
        }
      }
    } finally {
      await small.close();
    }
  });
});

describe('storage that does not answer', () => {
  let s3: TestS3Server;
  let proxy: StallingProxy;
  let storage: PreviewStorage;
  let server: PreviewTestServer;

  beforeAll(async () => {
    s3 = await startTestS3Server();
    const endpoint = new URL(s3.endpoint);
    proxy = await startStallingProxy({ host: endpoint.hostname, port: Number(endpoint.port) });
    storage = await openPreviewStorage({ ...s3.storageConfig(), endpoint: proxy.url });
    server = await startPreviewTestServer({ storage, readTimeoutMs: 500 });
  });
  afterAll(async () => {
    await server?.close();
    await storage?.close();
    await proxy?.close();
    await s3?.close();
  });

  it('gets a 503 with Retry-After and every header once the read timeout passes, never a hang', async () => {
    const { previewId } = await storage.publishVersion(page('slow'), { expiresAt: new Date(Date.now() + hourMs) });
    proxy.stall(true);
    try {
      const response = await rawRequest(server.port, 'GET', `/p/${previewId}/`);
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe('1');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toBe('Service Unavailable\n');
      expectSecurityHeaders(response.headers);
    } finally {
      proxy.stall(false);
    }
  });

  it('serves the page again once storage answers, and from memory while it is hot even if storage stalls', async () => {
    const { previewId } = await storage.publishVersion(page('back'), { expiresAt: new Date(Date.now() + hourMs) });
    await until(async () => (await rawRequest(server.port, 'GET', `/p/${previewId}/`)).status === 200);
    proxy.stall(true);
    try {
      // Within its state's 750 ms, a hot page needs no storage at all.
      expect((await rawRequest(server.port, 'GET', `/p/${previewId}/`)).status).toBe(200);
      // Past it, the server cannot vouch the preview still exists: 503, not a page that may be deleted.
      await until(async () => (await rawRequest(server.port, 'GET', `/p/${previewId}/`)).status === 503);
    } finally {
      proxy.stall(false);
    }
    await until(async () => (await rawRequest(server.port, 'GET', `/p/${previewId}/`)).status === 200);
  });
});
