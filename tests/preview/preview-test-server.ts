import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { buildPreviewApp, type PreviewAppOptions } from '../../preview/app.ts';
import { newPreviewId, openPreviewStorage, type PreviewStorage } from '../../shared/previews/index.ts';

const fixturesDir = fileURLToPath(new URL('../fixtures/preview/', import.meta.url));

/** Written out here, not imported from the source, so a change there cannot pass by itself. */
export const expectedSecurityHeaders = {
  'content-security-policy':
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'; sandbox",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-robots-tag': 'noindex, nofollow',
};

export interface PreviewTestServer {
  app: FastifyInstance;
  /** The filesystem storage's folder (tests write into it by hand); with a storage of the test's own, an unused temp folder. */
  previewsDir: string;
  storage: PreviewStorage;
  port: number;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * A preview app on 127.0.0.1, port 0, over its own temporary previews dir (filesystem storage), or
 * over `options.storage` when given; the other options as buildPreviewApp takes them.
 */
export async function startPreviewTestServer(options: Partial<PreviewAppOptions> = {}): Promise<PreviewTestServer> {
  const previewsDir = await mkdtemp(path.join(os.tmpdir(), 'preview-test-'));
  const storage = options.storage ?? (await openPreviewStorage({ kind: 'fs', dir: previewsDir }));
  const app = await buildPreviewApp({ ...options, storage });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    previewsDir,
    storage,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      if (!options.storage) await storage.close();
      await rm(previewsDir, { recursive: true, force: true });
    },
  };
}

/** Where version `version` of a preview keeps its files: `<previewsDir>/<previewId>/v/<version>/`. */
export function versionFolder(previewsDir: string, previewId: string, version = 1): string {
  return path.join(previewsDir, previewId, 'v', String(version));
}

/**
 * Copies `tests/fixtures/preview/<name>/` to version 1 of a new preview, `<previewsDir>/<new id>/v/1/`,
 * filling `{{KEY}}` placeholders in index.html. With `expiresAt`, also writes the `.meta.json` the
 * worker writes at publish time. Written by hand, not by the worker, so a test can put anything there.
 */
export async function publishFixture(
  previewsDir: string,
  name: string,
  placeholders: Record<string, string> = {},
  options: { expiresAt?: Date } = {},
): Promise<string> {
  const previewId = newPreviewId();
  const bundleDir = versionFolder(previewsDir, previewId);
  await cp(path.join(fixturesDir, name), bundleDir, { recursive: true });
  if (options.expiresAt)
    await writeFile(
      path.join(previewsDir, previewId, '.meta.json'),
      JSON.stringify({ expiresAt: options.expiresAt.toISOString() }),
    );
  if (Object.keys(placeholders).length > 0) {
    const indexPath = path.join(bundleDir, 'index.html');
    let html = await readFile(indexPath, 'utf8');
    for (const [key, value] of Object.entries(placeholders)) html = html.replaceAll(`{{${key}}}`, value);
    await writeFile(indexPath, html);
  }
  return previewId;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One request with the target sent exactly as written. fetch() and URL normalize `..` and
 * backslashes before sending, which would hide what a hostile client can really send.
 */
export function rawRequest(
  port: number,
  method: string,
  target: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path: target, headers: { connection: 'close', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Writes one raw page as version 1 of a new preview, exactly as given: no worker, no sanitizer. */
export async function publishRawPage(previewsDir: string, html: string): Promise<string> {
  const previewId = newPreviewId();
  await mkdir(versionFolder(previewsDir, previewId), { recursive: true });
  await writeFile(path.join(versionFolder(previewsDir, previewId), 'index.html'), html);
  return previewId;
}

/** Every required header, with exactly the required value; and nothing that would undo them. */
export function expectSecurityHeaders(headers: Record<string, unknown> | Headers): void {
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : headers[name]);
  for (const [name, value] of Object.entries(expectedSecurityHeaders)) expect(get(name), name).toBe(value);
  expect(get('set-cookie'), 'set-cookie').toBeFalsy();
  const disposition = get('content-disposition');
  expect(typeof disposition === 'string' ? disposition : '', 'content-disposition').not.toMatch(/attachment/i);
}
