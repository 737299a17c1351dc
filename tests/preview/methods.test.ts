import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  server = await startPreviewTestServer();
  previewId = await publishFixture(server.previewsDir, 'site');
});

afterAll(async () => {
  await server?.close();
});

describe('only GET and HEAD are allowed', () => {
  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])(
    'answers %s on a real bundle file with 405, Allow and the security headers',
    async (method) => {
      const response = await rawRequest(server.port, method, `/p/${previewId}/index.html`);
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('GET, HEAD');
      expectSecurityHeaders(response.headers);
      expect(response.body).toBe('Method Not Allowed\n');
    },
  );

  it.each(['/health', '/nope', `/p/${'a'.repeat(26)}/`, '/p/%zz/'])(
    'answers POST on %s with 405 too, known path or not',
    async (target) => {
      const response = await rawRequest(server.port, 'POST', target);
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('GET, HEAD');
      expectSecurityHeaders(response.headers);
    },
  );

  it('answers POST with a body without reading it into a file or changing the bundle', async () => {
    const response = await fetch(`${server.baseUrl}/p/${previewId}/index.html`, {
      method: 'PUT',
      body: '<script>alert(1)</script>',
    });
    expect(response.status).toBe(405);
    const page = await fetch(`${server.baseUrl}/p/${previewId}/index.html`);
    expect(await page.text()).not.toContain('alert(1)');
  });

  it('answers a method the HTTP parser does not know with 405 and the security headers', async () => {
    const head = await sendRawBytes(server.port, `BREW /p/${previewId}/ HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(head).toMatch(/^HTTP\/1\.1 405 /);
    expect(head).toContain('\r\nallow: GET, HEAD\r\n');
    expect(head).toContain(
      `\r\ncontent-security-policy: default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'; sandbox\r\n`,
    );
    expect(head).toContain('\r\nx-content-type-options: nosniff\r\n');
  });
});

/** Writes bytes Node's client would refuse to send, and returns everything the server answers. */
function sendRawBytes(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('end', () => resolve(received));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
}
