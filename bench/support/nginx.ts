import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';

export const NGINX_BIN = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));

/** A free loopback port (nginx cannot listen on port 0 and report it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** nginx in the foreground serving `root` at http://127.0.0.1:<port>/, one worker, logs off. */
export function startStaticNginx(workDir: string, root: string): Promise<{ url: string; stop(): Promise<void> }> {
  return startNginx(workDir, `root ${root};`);
}

/**
 * nginx answering every request (a POST with its body too) with 200 `{"ok":true}` and nothing else:
 * the most a load generator can get out of this machine, to show its own ceiling beside a figure.
 */
export function startAnsweringNginx(workDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  return startNginx(workDir, `location / { default_type application/json; return 200 '{"ok":true}'; }`);
}

async function startNginx(workDir: string, serverDirectives: string): Promise<{ url: string; stop(): Promise<void> }> {
  if (!NGINX_BIN) throw new Error('nginx is not installed (apt-get install nginx-light)');
  const port = await freePort();
  const conf = path.join(workDir, 'nginx.conf');
  await writeFile(
    conf,
    `daemon off; worker_processes 1; pid ${workDir}/nginx.pid; error_log ${workDir}/error.log;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types; access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;
  client_body_temp_path ${workDir}/body; proxy_temp_path ${workDir}/proxy; fastcgi_temp_path ${workDir}/fastcgi;
  uwsgi_temp_path ${workDir}/uwsgi; scgi_temp_path ${workDir}/scgi;
  server { listen 127.0.0.1:${port}; ${serverDirectives} }
}
`,
  );
  const child = spawn(NGINX_BIN, ['-p', workDir, '-c', conf], { stdio: 'inherit' });
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
