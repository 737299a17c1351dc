import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { startNpmStart } from '../support/npm-start.ts';
import { until } from '../support/until.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** tsx's loader by path: the process runs in an empty folder, where `--import tsx` would find nothing. */
const TSX_LOADER = fileURLToPath(import.meta.resolve('tsx'));

let cwd: string | undefined;
afterAll(async () => {
  if (cwd) await rm(cwd, { recursive: true, force: true });
});

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

it('`npm start` in a fresh checkout with nothing configured serves the chat page, and a request there gets a working preview link', async () => {
  // An empty working folder: no .env, no ./data. Only ports are set, so runs never collide; the
  // links follow PREVIEW_PORT (PREVIEW_BASE_URL derives from it).
  cwd = await mkdtemp(path.join(tmpdir(), 'ao-fresh-checkout-'));
  const previewPort = await freePort();
  const child = spawn(process.execPath, ['--import', TSX_LOADER, path.join(ROOT, 'main.ts')], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      LISTEN_HOST: '127.0.0.1',
      API_PORT: '0',
      PREVIEW_PORT: String(previewPort),
      WORKER_PORT: '0',
      PREVIEW_METRICS_PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  child.stderr.on('data', (chunk: Buffer) => output.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const explain = () => `process output:\n${output.join('\n')}`;

  try {
    let chatPage: string | undefined;
    await until(() => {
      const line = output.find((l) => l.includes('Try it: open'));
      chatPage = line ? (JSON.parse(line) as { chatPage: string }).chatPage : undefined;
      return chatPage !== undefined || child.exitCode !== null;
    }, 60_000).catch(() => undefined);
    expect(chatPage, explain()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/chat$/);

    const page = await fetch(chatPage!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form id="composer">');

    const sent = await fetch(`${chatPage}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'a landing page for a coffee shop' }),
    });
    expect(sent.status, explain()).toBe(200);

    // Follow the conversation as the page does, until the bot's answer links to the preview.
    const previewLink = new RegExp(`http://localhost:${previewPort}/p/[a-z0-9]+/`);
    let after = 0;
    let link: string | undefined;
    await until(async () => {
      const news = (await (await fetch(`${chatPage}/messages?after=${after}`)).json()) as {
        events: unknown[];
        last: number;
      };
      after = news.last;
      link ??= news.events.map((event) => previewLink.exec(JSON.stringify(event))?.[0]).find(Boolean);
      return link !== undefined;
    }, 60_000);

    const preview = await fetch(link!);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toMatch(/^text\/html/);
    // Everything it keeps is under ./data: the embedded database and the previews.
    expect(existsSync(path.join(cwd, 'data', 'pglite'))).toBe(true);
    expect(await readdir(path.join(cwd, 'data', 'previews'))).toContain(/\/p\/([a-z0-9]+)\//.exec(link!)![1]);
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited, explain()).toEqual({ code: 0, signal: null });
});

it('`npm start` prints one line with every address it serves (chat page, api, previews, metrics), and each answers there', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ao-running-line-'));
  const previewPort = await freePort();
  const npm = await startNpmStart({ DATA_DIR: dataDir, PREVIEW_PORT: String(previewPort) });
  try {
    const lines = npm
      .output()
      .split('\n')
      .filter((line) => line.includes('AI Orchestrator is running'));
    expect(lines).toHaveLength(1);
    const { chatPage, api, previews, metrics } = npm.running;
    expect(previews).toBe(`http://localhost:${previewPort}`);
    const msg = (JSON.parse(lines[0]!) as { msg: string }).msg;
    for (const url of [chatPage!, api, previews, metrics]) expect(msg, url).toContain(url);

    expect((await fetch(chatPage!)).status).toBe(200);
    expect((await fetch(`${api}/health`)).status).toBe(200);
    expect((await fetch(`${previews}/health`)).status).toBe(200);
    expect(await (await fetch(metrics)).text()).toContain('orchestrator_');
  } finally {
    await npm.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
