import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import type { TestService } from './service';

/** The test service's app on a real HTTP server on an ephemeral port, as `npm start` serves it. */
export async function listen(svc: TestService): Promise<{ port: number; url: (path: string) => string; close: () => Promise<void> }> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: svc.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (path) => `http://127.0.0.1:${port}${path.startsWith('/api/') || path === '/ready' ? path : `/api/v1${path}`}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

/**
 * A raw HTTP/1.1 request on its own socket: the head and `body` are written, then the socket
 * does whatever the test makes it do (stall, close, read). `received()` is everything read so far;
 * a `paused` socket reads nothing, like a client that stopped reading, until `read()`.
 */
export async function rawRequest(
  port: number, method: string, path: string, headers: Record<string, string>, body = '', opts: { paused?: boolean } = {},
): Promise<{ socket: Socket; received: () => string; read: () => void; closed: Promise<void> }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let text = '';
  const read = () => socket.on('data', (chunk) => (text += chunk.toString('latin1')));
  if (opts.paused) socket.pause();
  else read();
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const head = Object.entries({ host: '127.0.0.1', ...headers }).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  socket.write(`${method} ${path} HTTP/1.1\r\n${head}\r\n${body}`);
  return { socket, received: () => text, read, closed };
}

/** Connections of `database` that are running a statement or sitting inside a transaction. */
export async function busyConnections(svc: TestService, database: string): Promise<number> {
  const [row] = await svc.admin`
    select count(*)::int as n from pg_stat_activity
    where datname = ${database} and pid <> pg_backend_pid() and backend_type = 'client backend'
      and (state <> 'idle' or xact_start is not null)`;
  return row!.n as number;
}
