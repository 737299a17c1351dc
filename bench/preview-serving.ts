import { chmod, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { newPreviewId } from '../shared/previews/index.ts';
import { load, type LoadResult } from './support/load.ts';
import { startStaticNginx } from './support/nginx.ts';
import { printTable, ratio, saveResult } from './support/report.ts';
import { spawnServer } from './support/spawn-server.ts';

const CONNECTIONS = 32;
const DURATION_SEC = Number(process.env.BENCH_DURATION_SEC ?? 3);

/**
 * Preview serving: a 20 KB index.html and a 5 KB stylesheet through the preview server (every
 * security header, symlink-safe lookup, ETag), against nginx serving the same files on loopback —
 * the practical ceiling for static files on this machine.
 */
export async function benchPreviewServing() {
  const workDir = await mkdtemp(path.join(tmpdir(), 'ao-bench-preview-'));
  try {
    const previewsDir = path.join(workDir, 'previews');
    const previewId = newPreviewId();
    const versionDir = path.join(previewsDir, previewId, 'v', '1');
    await mkdir(versionDir, { recursive: true });
    await writeFile(path.join(versionDir, 'index.html'), page(20 * 1024));
    await writeFile(path.join(versionDir, 'styles.css'), stylesheet(5 * 1024));

    // nginx serves a copy of version 1 at /p/<id>/, so both answer the same /p/<id>/… paths. Its workers run as
    // an unprivileged user: the temp folder (0700 from mkdtemp) must be readable.
    await cp(versionDir, path.join(workDir, 'nginx-root', 'p', previewId), { recursive: true });
    await chmod(workDir, 0o755);
    const nginx = await startStaticNginx(workDir, path.join(workDir, 'nginx-root'));
    const files = { html: `/p/${previewId}/`, css: `/p/${previewId}/styles.css` };
    const nginxHtml = await load({ url: nginx.url + files.html, connections: CONNECTIONS, durationSec: DURATION_SEC });
    const nginxCss = await load({ url: nginx.url + files.css, connections: CONNECTIONS, durationSec: DURATION_SEC });
    await nginx.stop();

    const preview = await spawnServer('preview.ts', { PREVIEWS_DIR: previewsDir });
    const previewHtml = await load({
      url: preview.url + files.html,
      connections: CONNECTIONS,
      durationSec: DURATION_SEC,
    });
    const previewCss = await load({
      url: preview.url + files.css,
      connections: CONNECTIONS,
      durationSec: DURATION_SEC,
    });
    await preview.stop();

    const row = (name: string, r: LoadResult, base: LoadResult) => ({
      target: name,
      'req/s': r.requestsPerSec,
      'p99 ms': r.p99Ms,
      errors: r.errors + r.non2xx,
      'vs nginx': `${ratio(r.requestsPerSec, base.requestsPerSec).toFixed(2)}×`,
    });
    printTable(`Preview serving (${CONNECTIONS} connections, ${DURATION_SEC} s each)`, [
      row('nginx: index.html 20 KB (baseline)', nginxHtml, nginxHtml),
      row('preview: index.html 20 KB', previewHtml, nginxHtml),
      row('nginx: styles.css 5 KB (baseline)', nginxCss, nginxCss),
      row('preview: styles.css 5 KB', previewCss, nginxCss),
    ]);
    const figures = {
      connections: CONNECTIONS,
      durationSec: DURATION_SEC,
      nginxHtml,
      previewHtml,
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
