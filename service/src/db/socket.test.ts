import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { connect } from './client';
import { socketsWithoutDelay } from './socket';

// The service's connections open their sockets themselves (see socket.ts): each way postgres.js
// reaches a server must still reach it.
const server = new URL(inject('adminUrl'));
const url = (host: string) => `postgres://${server.username}${server.password ? `:${server.password}` : ''}@${host}${server.pathname}`;

/** Forwards every connection to the test server, counting them. */
function forwarder(): Server & { connections: number } {
  const proxy = Object.assign(
    createServer((client) => {
      proxy.connections++;
      const upstream = createConnection(Number(server.port || 5432), server.hostname);
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    }),
    { connections: 0 },
  );
  return proxy;
}

const listen = (s: Server, at: string | number) => new Promise<void>((resolve) => (typeof at === 'string' ? s.listen(at, resolve) : s.listen(at, '127.0.0.1', resolve)));
const portOf = (s: Server) => (s.address() as { port: number }).port;
const dir = mkdtempSync(join(tmpdir(), 'igny8-socket-'));
const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  rmSync(dir, { recursive: true, force: true });
});

describe('database sockets', () => {
  it('reach the server over TCP', async () => {
    const sql = connect(url(server.host), { max: 1 });
    const [row] = await sql`select inet_client_addr() is not null as tcp, 6 * 7 as answer`;
    await sql.end();
    expect(row).toEqual({ tcp: true, answer: 42 });
  });

  it('reach a Unix socket when postgres.js is given its path', async () => {
    const unix = createServer((c) => c.end('hello'));
    servers.push(unix);
    const path = join(dir, '.s.PGSQL.5432');
    await listen(unix, path);
    const socket = socketsWithoutDelay()({ host: ['unused'], port: [5432], path });
    const [greeting] = await once(socket.setEncoding('utf8'), 'data');
    socket.destroy();
    expect(greeting).toBe('hello');
  });

  it('try the next host when one refuses, and open new connections on each host in turn', async () => {
    const closed = createServer();
    await listen(closed, 0);
    const refusing = portOf(closed);
    await new Promise((resolve) => closed.close(resolve));
    const proxy = forwarder();
    servers.push(proxy);
    await listen(proxy, 0);

    const failover = connect(url(`127.0.0.1:${refusing},127.0.0.1:${portOf(proxy)}`), { max: 1 });
    const [row] = await failover`select 6 * 7 as answer`;
    await failover.end();
    expect(row!.answer).toBe(42);
    expect(proxy.connections).toBe(1);

    const second = forwarder();
    servers.push(second);
    await listen(second, 0);
    proxy.connections = 0;
    const both = connect(url(`127.0.0.1:${portOf(proxy)},127.0.0.1:${portOf(second)}`), { max: 2 });
    await Promise.all([both`select pg_sleep(0.05)`, both`select pg_sleep(0.05)`]);
    await both.end();
    expect([proxy.connections, second.connections]).toEqual([1, 1]);
  });
});
