import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyConnections, listen, rawRequest } from '../../../../test/http-server';
import { createSector, createSite, signup, type Session } from '../../../../test/factories';
import { createTestService, type TestService } from '../../../../test/service';
import { GLOBAL } from '../../../db/client';
import { createLogger } from '../../../logger';

// Slow and vanishing clients over real sockets, with small limits so that the tests stay quick.
let svc: TestService;
let server: Awaited<ReturnType<typeof listen>>;
const logLines: { level: number; msg: string }[] = [];
beforeAll(async () => {
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
      done();
    },
  });
  svc = await createTestService(
    { IGNY8_BODY_IDLE_TIMEOUT_MS: '20000', IGNY8_DB_ACQUIRE_TIMEOUT_MS: '400' },
    { logger: () => createLogger('info', logStream) },
  );
  server = await listen(svc);
});
afterAll(async () => {
  await server.close();
  await svc.close();
});

async function workspace() {
  const s = await signup(svc);
  const site = await createSite(svc, s);
  const sector = await createSector(svc, s, site.id);
  return { s, sector };
}

/** An import that announces `length` bytes, sends `sent`, and then nothing more. */
function stalledUpload(s: Session, sectorId: string, sent = 'keyword,volume\nabc,1\n', length = 100_000) {
  return rawRequest(server.port, 'POST', `/api/v1/planner/keywords/import?sector_id=${sectorId}`, {
    authorization: `Bearer ${s.token}`, 'content-type': 'text/csv', 'content-length': String(length),
  }, sent);
}

async function timed(path: string, token?: string) {
  const started = performance.now();
  const res = await fetch(server.url(path), { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(10_000) });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started, headers: res.headers };
}

const database = () => new URL(svc.url).pathname.slice(1);

describe('slow uploads', () => {
  it('hold no database connection: other accounts and /ready answer at once while twelve uploads stall', async () => {
    const { s, sector } = await workspace();
    const other = await signup(svc);
    const uploads = await Promise.all(Array.from({ length: 12 }, () => stalledUpload(s, sector.id)));
    try {
      // Once past sign-in and the sector check, the stalled uploads hold no connection at all.
      // (Idle for ten samples in a row: a request still signing in does not count as a stall.)
      let idleSamples = 0;
      for (const deadline = Date.now() + 5000; idleSamples < 10 && Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
        idleSamples = (await busyConnections(svc, database())) === 0 ? idleSamples + 1 : 0;
      }
      expect(idleSamples).toBe(10);
      const sites = await timed('/sites', other.token);
      expect(sites.status).toBe(200);
      expect(sites.ms).toBeLessThan(1000);
      const ready = await timed('/ready');
      expect(ready.status).toBe(200);
      expect(ready.ms).toBeLessThan(1000);
      // All of this happened while every upload was still waiting for its body.
      expect(uploads.map((u) => u.received())).toEqual(uploads.map(() => ''));
    } finally {
      for (const u of uploads) u.socket.destroy();
    }
  });

  it('answers 408 to an upload that sends nothing for the idle timeout, importing nothing', async () => {
    const quick = await createTestService({ IGNY8_BODY_IDLE_TIMEOUT_MS: '500' });
    const quickServer = await listen(quick);
    try {
      const s = await signup(quick);
      const sector = await createSector(quick, s, (await createSite(quick, s)).id);
      const upload = await rawRequest(quickServer.port, 'POST', `/api/v1/planner/keywords/import?sector_id=${sector.id}`, {
        authorization: `Bearer ${s.token}`, 'content-type': 'text/csv', 'content-length': '100000',
      }, 'keyword,volume\nabc,1\n');
      await upload.closed;
      expect(upload.received()).toMatch(/^HTTP\/1\.1 408/);
      expect(upload.received()).toContain('"code":"request_timeout"');
      expect((await quick.call('GET', `/planner/keywords?sector_id=${sector.id}`, { token: s.token })).body.count).toBe(0);
    } finally {
      await quickServer.close();
      await quick.close();
    }
  });

  it('logs an upload its client abandoned at info level, not as an error', async () => {
    const { s, sector } = await workspace();
    const upload = await stalledUpload(s, sector.id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    upload.socket.destroy();
    const deadline = Date.now() + 5000;
    while (!logLines.some((l) => l.msg === 'upload aborted by the client') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(logLines.find((l) => l.msg === 'upload aborted by the client')).toMatchObject({ level: 30 });
    expect(logLines.filter((l) => l.level >= 50)).toEqual([]);
    expect((await svc.call('GET', `/planner/keywords?sector_id=${sector.id}`, { token: s.token })).body.count).toBe(0);
  });
});

describe('a saturated connection pool', () => {
  it('answers 503 busy with Retry-After after the acquire timeout instead of queueing on', async () => {
    const s = await signup(svc);
    // Every connection of the pool (10) busy for longer than the acquire timeout.
    const hogs = Array.from({ length: 10 }, () => svc.deps.db.run(GLOBAL, (tx) => tx`select pg_sleep(2)`));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const res = await timed('/sites', s.token);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.ms).toBeLessThan(1500);
    expect((await timed('/ready')).status).toBe(503);
    await Promise.all(hogs);
    // The requests that gave up left nothing behind: the pool serves again.
    expect((await timed('/sites', s.token)).status).toBe(200);
  });
});
