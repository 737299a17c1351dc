import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openPreviewStorage } from '../shared/previews/index.ts';
import { startPreviewProxyNginx, startStaticNginx } from './support/nginx.ts';
import { printTable, ratio, saveResult } from './support/report.ts';
import { spawnServer } from './support/spawn-server.ts';
import { runWrk, type WrkResult } from './support/wrk.ts';

const CONNECTIONS = 32;
const DURATION_SEC = Number(process.env.BENCH_DURATION_SEC ?? 5);

/**
 * Preview serving: a 20 KB index.html and a 5 KB stylesheet through the preview server (every
 * security header, the markup gate, ETag; answered from its memory once read), against nginx with
 * one worker process serving the same files from disk on loopback — the practical ceiling for static
 * files here. Then the production path, nginx with the repo's preview proxy settings in front of the
 * preview server. wrk (one thread, 32 connections) drives every run; its own CPU use is shown, and
 * its ceiling is measured against nginx's cheapest answer (an empty 204).
 */
export async function benchPreviewServing() {
  const workDir = await mkdtemp(path.join(tmpdir(), 'ao-bench-preview-'));
  try {
    const previewsDir = path.join(workDir, 'previews');
    const storage = await openPreviewStorage({ kind: 'fs', dir: previewsDir });
    const html = Buffer.from(page(20 * 1024));
    const css = Buffer.from(stylesheet(5 * 1024));
    const { previewId } = await storage.publishVersion(
      [
        { path: 'index.html', bytes: html },
        { path: 'styles.css', bytes: css },
      ],
      { expiresAt: new Date(Date.now() + 24 * 60 * 60 * 1000) },
    );
    await storage.close();

    // nginx serves the same bytes at /p/<id>/, so both answer the same paths. Its workers run as an
    // unprivileged user: the temp folder (0700 from mkdtemp) must be readable.
    const nginxRoot = path.join(workDir, 'nginx-root', 'p', previewId);
    await mkdir(nginxRoot, { recursive: true });
    await writeFile(path.join(nginxRoot, 'index.html'), html);
    await writeFile(path.join(nginxRoot, 'styles.css'), css);
    await chmod(workDir, 0o755);
    const files = { html: `/p/${previewId}/`, css: `/p/${previewId}/styles.css` };
    const wrk = (url: string) => runWrk({ url, connections: CONNECTIONS, durationSec: DURATION_SEC });

    const nginx = await startStaticNginx(workDir, path.join(workDir, 'nginx-root'));
    const ceiling = await wrk(`${nginx.url}/ceiling`);
    const nginxHtml = await wrk(nginx.url + files.html);
    const nginxCss = await wrk(nginx.url + files.css);
    await nginx.stop();

    const preview = await spawnServer('preview.ts', { PREVIEWS_DIR: previewsDir });
    const previewHtml = await wrk(preview.url + files.html);
    const previewCss = await wrk(preview.url + files.css);
    const proxy = await startPreviewProxyNginx(workDir, new URL(preview.url).host);
    const proxiedHtml = await wrk(proxy.url + files.html);
    await proxy.stop();
    await preview.stop();

    const row = (name: string, r: WrkResult, base: WrkResult) => ({
      target: name,
      'req/s': Math.round(r.requestsPerSec),
      'p99 ms': r.p99Ms,
      errors: r.errors + r.non2xx,
      'wrk CPU %': Math.round(r.generatorCpuPercent),
      'vs nginx': `${ratio(r.requestsPerSec, base.requestsPerSec).toFixed(2)}×`,
    });
    printTable(
      `Preview serving (wrk, 1 thread, ${CONNECTIONS} connections, ${DURATION_SEC} s each)`,
      [
        row('wrk ceiling: nginx empty 204', ceiling, nginxHtml),
        row('nginx, 1 worker: index.html 20 KB (baseline)', nginxHtml, nginxHtml),
        row('preview: index.html 20 KB', previewHtml, nginxHtml),
        row('nginx → preview (production path): index.html', proxiedHtml, nginxHtml),
        row('nginx, 1 worker: styles.css 5 KB (baseline)', nginxCss, nginxCss),
        row('preview: styles.css 5 KB', previewCss, nginxCss),
      ],
      "wrk CPU % is the load generator's own use of one core: near 100 it, not the server, sets the figure.",
    );
    const figures = {
      generator: 'wrk -t1',
      connections: CONNECTIONS,
      durationSec: DURATION_SEC,
      ceiling,
      nginxHtml,
      previewHtml,
      proxiedHtml,
      nginxCss,
      previewCss,
    };
    await saveResult('previewServing', figures);
    return figures;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

function page(bytes: number): string {
  const section =
    '<section><h2>Our story</h2><p>Roasted in small batches every morning, served by people who care about coffee.</p></section>\n';
  let body = '';
  while (body.length < bytes - 300) body += section;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bench</title></head><body>\n${body}</body></html>\n`;
}

function stylesheet(bytes: number): string {
  let css = '';
  for (let i = 0; css.length < bytes; i++)
    css += `.block-${i} { margin: ${i % 16}px; color: hsl(${i % 360} 50% 40%); }\n`;
  return css;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchPreviewServing();
