import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSector, createSite, signup, type Session } from '../../../../test/factories';
import { createTestService, type TestService } from '../../../../test/service';
import { startWorkers } from '../../../worker';

let svc: TestService;
let workers: Awaited<ReturnType<typeof startWorkers>>;
beforeAll(async () => {
  // Anything over 2 KB becomes a job, so that the tests stay small.
  svc = await createTestService({ IGNY8_IMPORT_INLINE_BYTES: '2048' });
  workers = await startWorkers(svc.deps, svc.url);
});
afterAll(async () => {
  await workers.stop();
  await svc.close();
});

async function workspace() {
  const s = await signup(svc);
  const sector = await createSector(svc, s, (await createSite(svc, s)).id);
  return { s, sector };
}

const importCsv = (s: Session, sectorId: string, body: string) =>
  svc.call('POST', `/planner/keywords/import?sector_id=${sectorId}`, { token: s.token, body, headers: { 'content-type': 'text/csv' } });

async function finished(s: Session, statusUrl: string) {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    const res = await svc.call('GET', statusUrl, { token: s.token });
    expect(res.status).toBe(200);
    if (res.body.data.status === 'succeeded' || res.body.data.status === 'failed') return res.body.data;
  }
  throw new Error('the import did not finish');
}

const storedChunks = async (id: string) => (await svc.deps.db.owner`select count(*)::int as n from keyword_import_chunks where import_id = ${id}`)[0]!.n;

describe('imports too large to answer at once', () => {
  it('answer 202 with a status to poll, which ends with the same result an inline import gives', async () => {
    const { s, sector } = await workspace();
    const rows = Array.from({ length: 3000 }, (_, i) => `keyword ${i},${i}`);
    rows[10] = 'bad volume,-1';
    const res = await importCsv(s, sector.id, `keyword,volume\n${rows.join('\n')}\n`);
    expect(res.status).toBe(202);
    const { import_id, status_url } = res.body.data;
    expect(status_url).toBe(`/api/v1/planner/keywords/imports/${import_id}`);
    expect(res.headers.get('location')).toBe(status_url);

    const done = await finished(s, status_url);
    expect(done).toMatchObject({ id: import_id, sector_id: sector.id, status: 'succeeded', rows_read: 3000, rows_good: 2999, rows_bad: 1, error: null });
    expect(done.result).toMatchObject({ created: 2999, updated: 0, skipped: 1, encoding: 'utf-8', errors: [{ line: 12, message: expect.stringContaining('negative') }] });
    expect((await svc.call('GET', `/planner/keywords?sector_id=${sector.id}`, { token: s.token })).body.count).toBe(2999);
    // The stored upload is gone once it is imported.
    expect(await storedChunks(import_id)).toBe(0);
  });

  it('fail whole when the file cannot be imported, with the reason and nothing imported', async () => {
    const { s, sector } = await workspace();
    const rows = Array.from({ length: 500 }, (_, i) => `term ${i},${i}`).join('\n');
    const res = await importCsv(s, sector.id, `term,volume\n${rows}\n`);
    expect(res.status).toBe(202);
    const done = await finished(s, res.body.data.status_url);
    expect(done).toMatchObject({ status: 'failed', result: null, error: expect.stringContaining('Columns found: term, volume') });
    expect((await svc.call('GET', `/planner/keywords?sector_id=${sector.id}`, { token: s.token })).body.count).toBe(0);
    expect(await storedChunks(res.body.data.import_id)).toBe(0);
  });

  it('keep small files quick: imported inline and answered 200', async () => {
    const { s, sector } = await workspace();
    const res = await importCsv(s, sector.id, 'keyword\nshoes\n');
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ created: 1, encoding: 'utf-8' });
  });

  it('are visible to their account only', async () => {
    const { s, sector } = await workspace();
    const res = await importCsv(s, sector.id, `keyword\n${'x'.repeat(3000)}\n`);
    const other = await signup(svc);
    expect((await svc.call('GET', res.body.data.status_url, { token: other.token })).status).toBe(404);
    expect((await svc.call('GET', `/planner/keywords/imports/${crypto.randomUUID()}`, { token: s.token })).status).toBe(404);
    await finished(s, res.body.data.status_url);
  });
});
