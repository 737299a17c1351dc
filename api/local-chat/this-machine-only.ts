import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * onRequest hook: the local chat answers the person at this machine only; everyone else gets the
 * 404 of a route that does not exist.
 */
export function thisMachineOnly(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) {
  if (!isFromThisMachine(request)) return reply.callNotFound();
  done();
}

/**
 * True for a request a program or browser on this machine made on its own account. LISTEN_HOST is
 * 0.0.0.0 by default, so the socket address is checked (not request.ip: forwarded headers are not
 * to be trusted here). The browser on this machine can also be made to call here by a page from
 * elsewhere: its Host header then names that page's site (DNS rebinding) — so Host must be a
 * loopback name with the port this server listens on — and a request that changes something
 * carries that site in Origin and Sec-Fetch-Site.
 */
export function isFromThisMachine(request: FastifyRequest): boolean {
  if (!LOOPBACK_ADDRESSES.has(request.socket.remoteAddress ?? '')) return false;
  const host = (request.headers.host ?? '').toLowerCase();
  const [, name, port] = /^(.*?)(?::(\d+))?$/.exec(host) ?? [];
  if (!LOOPBACK_HOSTS.has(name ?? '')) return false;
  // An injected request (app.inject, from this process) has no listening port to name.
  const listening = request.socket.localPort;
  if (listening !== undefined && Number(port ?? 80) !== listening) return false;
  if (request.method === 'GET' || request.method === 'HEAD') return true;
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = request.headers.origin;
  return origin === undefined || origin === `http://${host}`;
}
