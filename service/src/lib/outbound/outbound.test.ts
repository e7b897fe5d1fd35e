import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTarpit } from '../../../test/tarpit';
import { allowedLookup, AddressNotAllowedError } from './connector';
import { createOutboundFetch, type OutboundOptions } from './index';

/** A server that counts connections and answers a body nobody outside should read. */
async function startProbe(host: string, handler?: Parameters<typeof createServer>[1]) {
  const server: Server = createServer(handler ?? ((_req, res) => res.end('INTERNAL-SECRET')));
  let connections = 0;
  server.on('connection', () => connections++);
  server.listen(0, host);
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port, connections: () => connections };
}

const LIMITS = { connectTimeoutMs: 2_000, firstByteTimeoutMs: 5_000 };
const fetches: ReturnType<typeof createOutboundFetch>[] = [];
const outbound = (opts: Partial<OutboundOptions>) => {
  const f = createOutboundFetch({ allowPrivate: false, ...LIMITS, ...opts });
  fetches.push(f);
  return f;
};

/** The first error in the cause chain, as fetch reports a failed connection inside `TypeError: fetch failed`. */
async function failure(p: Promise<unknown>): Promise<Error & { code?: string }> {
  const err = await p.then(() => { throw new Error('expected the request to fail'); }, (e: unknown) => e as Error);
  let e: unknown = err;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  return e as Error & { code?: string };
}

let probe: Awaited<ReturnType<typeof startProbe>>;
let probe6: Awaited<ReturnType<typeof startProbe>>;
beforeAll(async () => {
  probe = await startProbe('127.0.0.1');
  probe6 = await startProbe('::1');
});
afterAll(async () => {
  await Promise.all(fetches.map((f) => f.close()));
  probe.server.close();
  probe6.server.close();
});

describe('guarded outbound fetch', () => {
  it('refuses every spelling of loopback without opening a connection', async () => {
    const guarded = outbound({});
    const p = probe.port;
    const urls = [
      `http://127.0.0.1:${p}/v1`, `http://0x7f000001:${p}/v1`, `http://2130706433:${p}/v1`, `http://127.1:${p}/v1`,
      `http://0177.0.0.1:${p}/v1`, `http://localhost:${p}/v1`, `http://[::ffff:127.0.0.1]:${p}/v1`, `http://0.0.0.0:${p}/v1`,
    ];
    for (const url of urls) {
      const err = await failure(guarded(url));
      expect(err, url).toBeInstanceOf(AddressNotAllowedError);
    }
    expect((await failure(guarded(`http://[::1]:${probe6.port}/v1`))).message).toBe('address not allowed: loopback');
    expect(probe.connections() + probe6.connections()).toBe(0);
  });

  it('connects anywhere when the operator allows private networks', async () => {
    const open = outbound({ allowPrivate: true });
    expect(await (await open(`http://localhost:${probe.port}/`)).text()).toBe('INTERNAL-SECRET');
    expect(await (await open(`http://[::1]:${probe6.port}/`)).text()).toBe('INTERNAL-SECRET');
  });

  it('checks where a redirect leads: an allowed first hop cannot send the request to a private address', async () => {
    const target = await startProbe('127.0.0.2');
    const hop = await startProbe('127.0.0.1', (req, res) => {
      const to = req.url === '/v6' ? `http://[::1]:${probe6.port}/latest` : `http://127.0.0.2:${target.port}/latest`;
      res.writeHead(307, { location: to }).end();
    });
    try {
      // 127.0.0.1 stands for a public server here; whatever it redirects to is judged on its own.
      const guarded = outbound({ except: ['127.0.0.1'] });
      const before6 = probe6.connections();
      expect((await failure(guarded(`http://127.0.0.1:${hop.port}/v4`, { method: 'POST', body: '{}' }))).message).toBe('address not allowed: loopback');
      expect((await failure(guarded(`http://127.0.0.1:${hop.port}/v6`))).message).toBe('address not allowed: loopback');
      expect(hop.connections()).toBeGreaterThan(0);
      expect(target.connections()).toBe(0);
      expect(probe6.connections()).toBe(before6);

      // The same redirect is followed when private networks are allowed: the refusal above is the guard's.
      const open = outbound({ allowPrivate: true });
      expect(await (await open(`http://127.0.0.1:${hop.port}/v4`)).text()).toBe('INTERNAL-SECRET');
      expect(target.connections()).toBe(1);
    } finally {
      hop.server.close();
      target.server.close();
    }
  });

  it('resolves names to allowed addresses only, so the socket connects to the address that was checked', async () => {
    const lookup = (except: string[]) =>
      new Promise<unknown>((resolve, reject) =>
        allowedLookup(except)('localhost', { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))),
      );
    await expect(lookup([])).rejects.toThrow(new AddressNotAllowedError('localhost', 'loopback'));
    expect(await lookup(['127.0.0.1'])).toEqual([{ address: '127.0.0.1', family: 4 }]);
  });
});

describe('deadlines', () => {
  let tarpit: Awaited<ReturnType<typeof startTarpit>>;
  beforeAll(async () => {
    tarpit = await startTarpit();
  });
  afterAll(() => tarpit.close());

  it('gives up on a server that accepts and never answers after the first-byte deadline', async () => {
    const f = outbound({ allowPrivate: true, firstByteTimeoutMs: 300 });
    const started = performance.now();
    const err = await failure(f(`http://127.0.0.1:${tarpit.port}/v1/chat/completions`, { method: 'POST', body: '{}' }));
    expect(err.code).toBe('UND_ERR_HEADERS_TIMEOUT');
    expect(performance.now() - started).toBeLessThan(4_000);
  });

  it('gives up on a handshake that never completes after the connect deadline', async () => {
    // A TLS client waits for the server's hello, which the tarpit never sends.
    const f = outbound({ allowPrivate: true, connectTimeoutMs: 300 });
    const started = performance.now();
    const err = await failure(f(`https://127.0.0.1:${tarpit.port}/v1`));
    expect(err.code).toBe('UND_ERR_CONNECT_TIMEOUT');
    expect(performance.now() - started).toBeLessThan(4_000);
  });
});
