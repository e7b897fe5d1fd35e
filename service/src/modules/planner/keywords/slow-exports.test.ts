import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyConnections, listen, rawRequest } from '../../../../test/http-server';
import { createSector, createSite, signup, type Session } from '../../../../test/factories';
import { createTestService, type TestService } from '../../../../test/service';

// Exports to readers that stop reading, over real sockets, with small limits so that the tests stay quick.
let svc: TestService;
let server: Awaited<ReturnType<typeof listen>>;
beforeAll(async () => {
  svc = await createTestService({ IGNY8_SEND_IDLE_TIMEOUT_MS: '4000', IGNY8_MAX_EXPORTS_PER_ACCOUNT: '2' });
  server = await listen(svc);
});
afterAll(async () => {
  await server.close();
  await svc.close();
});

const KEYWORDS = 40_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const database = () => new URL(svc.url).pathname.slice(1);

/** A sector whose export (~10 MB) is more than the sockets' buffers hold (about 4 MB on Linux). */
async function bigSector(s: Session) {
  const site = await createSite(svc, s);
  const sector = await createSector(svc, s, site.id);
  await svc.deps.db.owner`
    insert into keywords (account_id, site_id, sector_id, keyword, normalized, volume)
    select ${s.accountId}, ${site.id}, ${sector.id}, k, k, i
    from (select i, repeat('x', 245) || ' ' || i as k from generate_series(1, ${KEYWORDS}) i) g`;
  await svc.deps.db.owner`analyze keywords`;
  return sector;
}

const exportPath = (sectorId: string) => `/api/v1/planner/keywords/export?sector_id=${sectorId}`;

describe('exports to slow readers', () => {
  it('hold no connection or transaction while readers stall, are capped per account, and cut off idle readers', async () => {
    const s = await signup(svc);
    const sector = await bigSector(s);
    const stalled = await Promise.all(
      [1, 2].map(() => rawRequest(server.port, 'GET', exportPath(sector.id), { authorization: `Bearer ${s.token}` }, '', { paused: true })),
    );
    // Once the sockets' buffers are full the exports wait, holding no connection and no transaction
    // (ten idle samples in a row; before that, batches come and go).
    let idleSamples = 0;
    for (const deadline = Date.now() + 8000; idleSamples < 10 && Date.now() < deadline; await sleep(50)) {
      idleSamples = (await busyConnections(svc, database())) === 0 ? idleSamples + 1 : 0;
    }
    expect(idleSamples).toBe(10);

    // A third export of the same account waits its turn; another account is not affected.
    const third = await fetch(server.url(exportPath(sector.id)), { headers: { authorization: `Bearer ${s.token}` } });
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBeTruthy();
    expect(((await third.json()) as { code: string }).code).toBe('rate_limited');
    const other = await signup(svc);
    const otherSector = await createSector(svc, other, (await createSite(svc, other)).id);
    await svc.call('POST', '/planner/keywords', { token: other.token, body: { sector_id: otherSector.id, keyword: 'mine' } });
    const theirs = await fetch(server.url(exportPath(otherSector.id)), { headers: { authorization: `Bearer ${other.token}` } });
    expect(theirs.status).toBe(200);
    expect(await theirs.text()).toContain('mine');

    // Past the send-idle timeout the server has given up on both: what they read ends mid-file.
    await sleep(4000);
    for (const reader of stalled) {
      reader.read();
      reader.socket.resume();
      await reader.closed;
      expect(reader.received()).toMatch(/^HTTP\/1\.1 200/);
      expect(reader.received()).not.toMatch(/\r\n0\r\n\r\n$/);
      expect(reader.received().length).toBeLessThan(KEYWORDS * 200);
    }

    // Their places are free again, and a reader that reads gets the whole sector.
    const full = await fetch(server.url(exportPath(sector.id)), { headers: { authorization: `Bearer ${s.token}` } });
    expect(full.status).toBe(200);
    const lines = (await full.text()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(KEYWORDS + 1);
  }, 60_000);
});
