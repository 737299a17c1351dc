import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * Stands in for every attacker server at once: a browser context uses it as its HTTP proxy, so
 * whatever the page sends towards another host — a request, a CONNECT for TLS, a speculative
 * preconnect that request interception never sees — lands here instead of on the network. It
 * counts each connection, notes the first line (`GET http://evil.example/x`, `CONNECT evil.example:443`)
 * and refuses; nothing is forwarded. One beacon per page visit, so every hit belongs to one vector.
 */
export interface LoopbackBeacon {
  /** http://127.0.0.1:<port>, for a proxy setting. */
  url: string;
  /** One entry per connection: its first request line, or `(connection, no request)`. */
  hits: string[];
  close(): Promise<void>;
}

export async function startLoopbackBeacon(): Promise<LoopbackBeacon> {
  const hits: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    const index = hits.push('(connection, no request)') - 1;
    socket.once('data', (chunk: Buffer) => {
      hits[index] = chunk.toString('latin1').split('\r\n', 1)[0]!.slice(0, 300);
      socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
