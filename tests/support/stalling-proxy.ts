import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export interface StallingProxy {
  /** `http://127.0.0.1:<port>`: the upstream, through the proxy. */
  url: string;
  /** From now on nothing a client sends goes through (the upstream never answers); `false` lets it through again. */
  stall(stalled: boolean): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy on loopback in front of `upstream` (host:port) that can stop forwarding on demand,
 * on new and kept-alive connections alike: a storage that takes requests and never answers.
 */
export async function startStallingProxy(upstream: { host: string; port: number }): Promise<StallingProxy> {
  let stalled = false;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const target = connect(upstream.port, upstream.host);
    for (const socket of [client, target]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.on('data', (chunk) => {
      if (!stalled) target.write(chunk);
    });
    target.on('data', (chunk) => client.write(chunk));
    client.on('close', () => target.destroy());
    target.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stall(value) {
      stalled = value;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
