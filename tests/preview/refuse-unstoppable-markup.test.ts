import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectSecurityHeaders,
  publishRawPage,
  rawRequest,
  startPreviewTestServer,
  versionFolder,
  type PreviewTestServer,
} from './preview-test-server.ts';

/**
 * What no CSP stops — a frame's origin is pre-connected before frame-src blocks it, resource hints
 * and meta refresh are not governed by CSP — the preview refuses to serve at all. Such markup never
 * comes out of the sanitizer, so only a bundle that bypassed it can hold any.
 */

let server: PreviewTestServer;

beforeAll(async () => {
  server = await startPreviewTestServer();
});

afterAll(async () => {
  await server?.close();
});

async function get(previewId: string, file = '') {
  return rawRequest(server.port, 'GET', `/p/${previewId}/${file}`);
}

describe('pages the preview refuses to serve', () => {
  it.each([
    ['an iframe', '<iframe src="https://evil.example/"></iframe>'],
    [
      'a lazy iframe far below the fold',
      '<div style="height:5000px"></div><iframe loading="lazy" src="https://evil.example/"></iframe>',
    ],
    ['a frameset', '<frameset><frame src="https://evil.example/"></frameset>'],
    ['an object', '<object data="https://evil.example/o.svg"></object>'],
    ['an embed', '<embed src="https://evil.example/e">'],
    ['a dns-prefetch hint', '<link rel="dns-prefetch" href="//evil.example">'],
    ['a preconnect hint among other rels', '<link rel="stylesheet PreConnect" href="https://evil.example">'],
    ['a meta refresh', '<META HTTP-EQUIV="Refresh" CONTENT="0; url=https://evil.example/">'],
    ['an iframe inside a template', '<template><iframe src="https://evil.example/"></iframe></template>'],
    // The sandboxed page runs no script, so the browser renders <noscript> content as markup.
    ['an iframe inside noscript', '<noscript><iframe src="https://evil.example/"></iframe></noscript>'],
    ['an object inside noscript', '<body><noscript><object data="https://evil.example/o"></object></noscript>'],
    ['a preconnect hint inside noscript', '<noscript><link rel="preconnect" href="https://evil.example"></noscript>'],
    [
      'a meta refresh inside noscript in the head',
      '<head><noscript><meta http-equiv="refresh" content="0; url=https://evil.example/"></noscript></head>',
    ],
  ])('answers a page with %s with a fixed 403 page carrying every security header', async (_label, html) => {
    const response = await get(await publishRawPage(server.previewsDir, html));
    expect(response.status).toBe(403);
    expect(response.body).toContain('This preview cannot be shown');
    expect(response.body).not.toContain('evil.example');
    expect(response.headers['cache-control']).toBe('no-store');
    expectSecurityHeaders(response.headers);
  });

  it('refuses an SVG that embeds a frame through foreignObject', async () => {
    const previewId = await publishRawPage(server.previewsDir, '<p>ok</p>');
    await writeFile(
      path.join(versionFolder(server.previewsDir, previewId), 'logo.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/"></iframe></foreignObject></svg>',
    );
    expect((await get(previewId, 'logo.svg')).status).toBe(403);
  });

  it('leaves everything else to the CSP: a page with script is still served, inert', async () => {
    const response = await get(
      await publishRawPage(server.previewsDir, '<script>alert(1)</script><img src="https://evil.example/i.png">'),
    );
    expect(response.status).toBe(200);
    expectSecurityHeaders(response.headers);
  });

  it('serves only what it judged: a page rewritten in place after its verdict goes out as judged or not at all', async () => {
    const previewId = await publishRawPage(server.previewsDir, '<p>fine</p>');
    expect((await get(previewId)).status).toBe(200);
    // Versions never change, so the verdict is kept with the bytes it was given on; a rewrite on disk is no new version.
    await writeFile(
      path.join(versionFolder(server.previewsDir, previewId), 'index.html'),
      '<p>fine, then</p><iframe src="https://evil.example/"></iframe>',
    );
    const response = await get(previewId);
    expect(response.body).not.toContain('evil.example');
    expect([200, 403]).toContain(response.status);
  });
});
