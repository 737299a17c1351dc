import type { FastifyReply, FastifyRequest } from 'fastify';

const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * onRequest hook: the local chat answers the person at this machine only; everyone else gets the
 * 404 of a route that does not exist. LISTEN_HOST is 0.0.0.0 by default, so the socket address is
 * checked (not request.ip: forwarded headers are not to be trusted here). The browser on this
 * machine can also be made to call here by a page from elsewhere: its Host header then names that
 * page's site (DNS rebinding), and a request that changes something carries that site in Origin
 * and Sec-Fetch-Site.
 */
export async function thisMachineOnly(request: FastifyRequest, reply: FastifyReply) {
  if (!isFromThisMachine(request)) return reply.callNotFound();
}

function isFromThisMachine(request: FastifyRequest): boolean {
  if (!LOOPBACK_ADDRESSES.has(request.socket.remoteAddress ?? '')) return false;
  const host = request.headers.host ?? '';
  if (!LOOPBACK_HOSTS.has(host.replace(/:\d+$/, '').toLowerCase())) return false;
  if (request.method === 'GET' || request.method === 'HEAD') return true;
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = request.headers.origin;
  return origin === undefined || origin === `http://${host}`;
}
