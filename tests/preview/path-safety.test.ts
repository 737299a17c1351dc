import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { newPreviewId } from '../../shared/previews/index.ts';
import {
  expectSecurityHeaders,
  publishFixture,
  rawRequest,
  startPreviewTestServer,
  versionFolder,
  type PreviewTestServer,
} from './preview-test-server.ts';

let server: PreviewTestServer;
let previewId: string;
/** A file outside every bundle, with a name an attacker would aim for. */
const outsideSecret = 'outside-secret-content';

beforeAll(async () => {
  server = await startPreviewTestServer();
  previewId = await publishFixture(server.previewsDir, 'site');
  await writeFile(path.join(server.previewsDir, 'secret.txt'), outsideSecret);
});

afterAll(async () => {
  await server?.close();
});

async function expectNotServed(target: string): Promise<void> {
  const response = await rawRequest(server.port, 'GET', target);
  expect(response.status, target).toBe(404);
  expect(response.body, target).toBe('Not Found\n');
  expect(response.body).not.toContain(outsideSecret);
  expectSecurityHeaders(response.headers);
}

describe('no path escapes the bundle', () => {
  it.each([
    ['a plain ../ segment', () => `/p/${previewId}/../secret.txt`],
    ['../ up to the filesystem root', () => `/p/${previewId}/../../../../etc/passwd`],
    ['percent-encoded dots', () => `/p/${previewId}/%2e%2e/%2e%2e/etc/passwd`],
    ['uppercase percent-encoded dots', () => `/p/${previewId}/%2E%2E/secret.txt`],
    ['an encoded slash', () => `/p/${previewId}/..%2fsecret.txt`],
    ['an encoded slash inside a name', () => `/p/${previewId}/img%2fdot.png`],
    ['an encoded NUL', () => `/p/${previewId}/index.html%00.txt`],
    ['a backslash', () => `/p/${previewId}/..\\secret.txt`],
    ['an encoded backslash', () => `/p/${previewId}/..%5csecret.txt`],
    ['a malformed escape', () => `/p/${previewId}/%zz`],
    ['an overlong UTF-8 dot', () => `/p/${previewId}/%c0%ae%c0%ae/secret.txt`],
    ['a double slash', () => `/p/${previewId}//etc/passwd`],
    ['a ../ in place of the id', () => '/p/../secret.txt'],
    ['a file at the previews root', () => '/p/secret.txt'],
  ])('answers %s with 404', async (_label, target) => {
    await expectNotServed(target());
  });

  it('answers an absolute-form request target with 404', async () => {
    await expectNotServed(`http://127.0.0.1/p/${previewId}/index.html`);
  });
});

describe('only plain files the worker wrote are served', () => {
  it('does not serve a dotfile inside a bundle', async () => {
    await writeFile(path.join(versionFolder(server.previewsDir, previewId), '.env'), 'SECRET=1');
    await expectNotServed(`/p/${previewId}/.env`);
  });

  it('does not serve a file inside a hidden folder of a bundle', async () => {
    await mkdir(path.join(versionFolder(server.previewsDir, previewId), '.git'), { recursive: true });
    await writeFile(path.join(versionFolder(server.previewsDir, previewId), '.git', 'config'), 'x');
    await expectNotServed(`/p/${previewId}/.git/config`);
  });

  it('does not serve a hidden temporary bundle folder being written', async () => {
    const tempDir = path.join(server.previewsDir, `.tmp-${newPreviewId()}`);
    await mkdir(tempDir);
    await writeFile(path.join(tempDir, 'index.html'), 'half written');
    await expectNotServed(`/p/${path.basename(tempDir)}/`);
  });

  it('does not follow a symlinked file inside a bundle', async () => {
    await symlink(
      path.join(server.previewsDir, 'secret.txt'),
      path.join(versionFolder(server.previewsDir, previewId), 'linked.txt'),
    );
    await expectNotServed(`/p/${previewId}/linked.txt`);
  });

  it('does not follow a symlink to a file inside the same bundle either', async () => {
    await symlink('index.html', path.join(versionFolder(server.previewsDir, previewId), 'alias.html'));
    await expectNotServed(`/p/${previewId}/alias.html`);
  });

  it('does not follow a symlinked bundle folder', async () => {
    const linkedId = newPreviewId();
    await symlink(path.join(server.previewsDir, previewId), path.join(server.previewsDir, linkedId));
    await expectNotServed(`/p/${linkedId}/`);
    await expectNotServed(`/p/${linkedId}/styles.css`);
  });

  it('does not follow a symlinked folder inside a bundle', async () => {
    const outsideDir = await mkdtemp(path.join(os.tmpdir(), 'preview-outside-'));
    onTestFinished(() => rm(outsideDir, { recursive: true, force: true }));
    await writeFile(path.join(outsideDir, 'page.html'), outsideSecret);
    await symlink(outsideDir, path.join(versionFolder(server.previewsDir, previewId), 'docs'));
    await expectNotServed(`/p/${previewId}/docs/page.html`);
    await expectNotServed(`/p/${previewId}/docs/`);
  });

  it('does not serve a path deeper than the two folder levels a bundle may have', async () => {
    const deepDir = path.join(versionFolder(server.previewsDir, previewId), 'a', 'b', 'c');
    await mkdir(deepDir, { recursive: true });
    await writeFile(path.join(deepDir, 'page.html'), 'too deep');
    await expectNotServed(`/p/${previewId}/a/b/c/page.html`);
  });

  it('does not serve a file name with characters the bundle rules forbid', async () => {
    await writeFile(path.join(versionFolder(server.previewsDir, previewId), 'Upper.html'), 'x');
    await expectNotServed(`/p/${previewId}/Upper.html`);
  });
});
