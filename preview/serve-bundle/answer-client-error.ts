import type { Socket } from 'node:net';
import { securityHeaders } from './security-headers.ts';

/**
 * Fastify `clientErrorHandler`: requests Node's HTTP parser rejects (unknown method, oversized
 * headers, garbage) never reach fastify's hooks, so this writes the answer itself, with the same
 * security headers as every other response. A method the parser does not know is still a 405.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason] = statusFor(error.code);
  const body = `${reason}\n`;
  const headers: Record<string, string> = {
    ...securityHeaders,
    ...(status === 405 ? { allow: 'GET, HEAD' } : {}),
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  if (socket.writable) socket.write(`HTTP/1.1 ${status} ${reason}\r\n${head}\r\n${body}`);
  socket.destroy(error);
}

function statusFor(code: string | undefined): [number, string] {
  switch (code) {
    case 'HPE_INVALID_METHOD':
      return [405, 'Method Not Allowed'];
    case 'HPE_HEADER_OVERFLOW':
      return [431, 'Request Header Fields Too Large'];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, 'Request Timeout'];
    default:
      return [400, 'Bad Request'];
  }
}
