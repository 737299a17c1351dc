import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const NGINX_BIN = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
const renderScript = fileURLToPath(new URL('../../nginx/render.sh', import.meta.url));

/** A free loopback port (nginx cannot listen on port 0 and report it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface BenchNginx {
  url: string;
  stop(): Promise<void>;
}

/**
 * nginx in the foreground serving `root` at http://127.0.0.1:<port>/, one worker, logs off; and
 * `/ceiling`, an empty 204, the cheapest answer there is: what the load generator reaches against
 * it is its own ceiling on this machine.
 */
export function startStaticNginx(workDir: string, root: string): Promise<BenchNginx> {
  return startNginx(
    workDir,
    'static',
    (port) => `server {
    listen 127.0.0.1:${port};
    root ${root};
    location = /ceiling { return 204; }
  }`,
  );
}

/**
 * nginx answering every request (a POST with its body too) with 200 `{"ok":true}` and nothing else:
 * the most a load generator can get out of this machine, to show its own ceiling beside a figure.
 */
export function startAnsweringNginx(workDir: string): Promise<BenchNginx> {
  return startNginx(
    workDir,
    'answering',
    (port) => `server {
    listen 127.0.0.1:${port};
    location / { default_type application/json; return 200 '{"ok":true}'; }
  }`,
  );
}

/**
 * The production path to the preview service: nginx with one worker in front of `upstream`
 * (host:port), through the repo's own preview proxy settings (nginx/templates/preview-proxy.conf.template,
 * rendered by nginx/render.sh), on plain HTTP: TLS is the same cost in front of both this and the baseline.
 */
export async function startPreviewProxyNginx(workDir: string, upstream: string): Promise<BenchNginx> {
  const rendered = path.join(workDir, 'rendered');
  await promisify(execFile)(renderScript, [rendered], {
    env: {
      ...process.env,
      API_DOMAIN: 'api.bench',
      PREVIEW_DOMAIN: 'preview.bench',
      PREVIEW_UPSTREAM: upstream,
      // Not loaded here: only preview-proxy.conf is included below.
      TLS_CERT: '/dev/null',
      TLS_KEY: '/dev/null',
    },
  });
  return startNginx(
    workDir,
    'proxy',
    (port) => `proxy_http_version 1.1;
  server {
    listen 127.0.0.1:${port};
    include ${path.join(rendered, 'conf.d', 'preview-proxy.conf')};
    location ^~ /p/ { proxy_pass http://$preview_upstream; }
  }`,
  );
}

async function startNginx(workDir: string, name: string, server: (port: number) => string): Promise<BenchNginx> {
  if (!NGINX_BIN) throw new Error('nginx is not installed (apt-get install nginx-light)');
  const prefix = path.join(workDir, `nginx-${name}`);
  await mkdir(prefix, { recursive: true });
  const port = await freePort();
  const conf = path.join(prefix, 'nginx.conf');
  await writeFile(
    conf,
    `daemon off; worker_processes 1; pid ${prefix}/nginx.pid; error_log ${prefix}/error.log;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types; access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;
  client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy; fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;
  ${server(port)}
}
`,
  );
  const child = spawn(NGINX_BIN, ['-p', prefix, '-c', conf], { stdio: 'inherit' });
  await waitForPort(port);
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGQUIT');
      }),
  };
}

async function waitForPort(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/`).then(
      () => true,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('nginx did not start');
}
