import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export type Tarpit = { port: number; baseUrl: string; connections: () => number; close: () => Promise<void> };

/** A loopback server that accepts connections and never answers: the slowest possible provider. */
export async function startTarpit(): Promise<Tarpit> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}/v1`,
    connections: () => sockets.size,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
