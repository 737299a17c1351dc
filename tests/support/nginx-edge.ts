import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * The repo's nginx/ config, rendered by nginx/render.sh exactly as CI does it, run by the real
 * nginx binary on loopback with a throwaway self-signed certificate, in front of upstreams the
 * test started. Stopped by its pid.
 */

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The nginx binary, or undefined where it is not installed (the nginx tests then skip, saying so). */
export const nginxBinary: string | undefined = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find(
  (candidate) => existsSync(candidate),
);

export interface EdgeCertificate {
  dir: string;
  certPath: string;
  keyPath: string;
  /** PEM; self-signed, so it is also the CA a client trusts. */
  cert: string;
}

/** A self-signed certificate for the api domain, the preview domain and every name under it. */
export async function createCertificate(apiDomain: string, previewDomain: string): Promise<EdgeCertificate> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ao-nginx-cert-'));
  const certPath = path.join(dir, 'cert.pem');
  const keyPath = path.join(dir, 'key.pem');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    `/CN=${apiDomain}`,
    '-addext',
    `subjectAltName=DNS:${apiDomain},DNS:${previewDomain},DNS:*.${previewDomain}`,
    '-keyout',
    keyPath,
    '-out',
    certPath,
  ]);
  return { dir, certPath, keyPath, cert: await readFile(certPath, 'utf8') };
}

export interface NginxEdge {
  httpPort: number;
  httpsPort: number;
  stop(): Promise<void>;
}

export interface NginxEdgeOptions {
  apiDomain: string;
  previewDomain: string;
  previewHostMode: 'path' | 'subdomain';
  apiUpstream: string;
  previewUpstream: string;
  certificate: EdgeCertificate;
  /** More template variables, e.g. the rate limits (NGINX_WEBHOOK_RATE, …); render.sh has defaults. */
  env?: Record<string, string>;
}

/** Renders the config into a temp dir and starts nginx in the foreground; resolves once it accepts TLS connections. */
export async function startNginxEdge(options: NginxEdgeOptions): Promise<NginxEdge> {
  if (!nginxBinary) throw new Error('nginx is not installed');
  const [httpPort, httpsPort] = [await freePort(), await freePort()];
  const dir = await mkdtemp(path.join(tmpdir(), 'ao-nginx-'));
  // Worker processes run unprivileged when started by root: they must be able to enter the prefix.
  await chmod(dir, 0o755);
  await run(path.join(repoRoot, 'nginx/render.sh'), [dir], {
    env: {
      ...process.env,
      API_DOMAIN: options.apiDomain,
      PREVIEW_DOMAIN: options.previewDomain,
      PREVIEW_HOST_MODE: options.previewHostMode,
      API_UPSTREAM: options.apiUpstream,
      PREVIEW_UPSTREAM: options.previewUpstream,
      TLS_CERT: options.certificate.certPath,
      TLS_KEY: options.certificate.keyPath,
      NGINX_HTTP_LISTEN: `127.0.0.1:${httpPort}`,
      NGINX_HTTPS_LISTEN: `127.0.0.1:${httpsPort}`,
      ...options.env,
    },
  });
  const nginx: ChildProcess = spawn(
    nginxBinary,
    ['-e', 'stderr', '-p', `${dir}/`, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  nginx.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => nginx.once('exit', (code) => resolve(code)));
  try {
    await waitForPort(httpsPort, exited);
  } catch (error) {
    nginx.kill('SIGKILL');
    throw new Error(`nginx did not start: ${String(error)}\n${stderr}`, { cause: error });
  }
  return {
    httpPort,
    httpsPort,
    async stop() {
      if (nginx.exitCode === null && nginx.pid !== undefined) process.kill(nginx.pid, 'SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface EdgeResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** The TLS protocol negotiated, e.g. TLSv1.3. */
  protocol?: string | null;
}

/** One HTTPS request to nginx on 127.0.0.1 for `host` (SNI and Host), verifying the certificate against `ca`. */
export function edgeRequest(
  port: number,
  host: string,
  target: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; ca: string },
): Promise<EdgeResponse> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port,
        servername: host,
        ca: options.ca,
        method: options.method ?? 'GET',
        path: target,
        headers: { host, connection: 'close', ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            protocol: (res.socket as TLSSocket).getProtocol?.(),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A plain HTTP request (for the redirect to HTTPS). */
export function plainRequest(port: number, host: string, target: string): Promise<EdgeResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path: target, headers: { host, connection: 'close' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** A port nothing listens on right now: bind port 0, note the port, let it go. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForPort(port: number, exited: Promise<number | null>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (gone) throw new Error('nginx exited');
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`port ${port} did not open`);
}
