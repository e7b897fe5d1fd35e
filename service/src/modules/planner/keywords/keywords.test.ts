import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSector, createSite, signup, userWithRole, type Session } from '../../../../test/factories';
import { createTestService, type TestService } from '../../../../test/service';
import { fixture } from '../csv/fixtures';

let svc: TestService;
beforeAll(async () => {
  svc = await createTestService({ IGNY8_MAX_IMPORT_BYTES: String(256 * 1024) });
});
afterAll(() => svc.close());

async function workspace() {
  const s = await signup(svc);
  const site = await createSite(svc, s);
  const sector = await createSector(svc, s, site.id);
  return { s, site, sector };
}

const importCsv = (s: Session, sectorId: string, body: string | Buffer, type = 'text/csv') =>
  svc.call('POST', `/planner/keywords/import?sector_id=${sectorId}`, { token: s.token, body: typeof body === 'string' ? body : new Uint8Array(body), headers: { 'content-type': type } });

describe('keyword CRUD', () => {
  it('creates one keyword, or many all-or-none, refusing duplicates case- and space-insensitively', async () => {
    const { s, sector } = await workspace();
    const one = await svc.call('POST', '/planner/keywords', { token: s.token, body: { sector_id: sector.id, keyword: '  Running   Shoes ', volume: 100 } });
    expect(one.status).toBe(201);
    expect(one.body.data).toMatchObject({ keyword: 'Running Shoes', volume: 100, status: 'new', cluster_id: null });

    const many = await svc.call('POST', '/planner/keywords', {
      token: s.token,
      body: [{ sector_id: sector.id, keyword: 'trail shoes' }, { sector_id: sector.id, keyword: 'running shoes' }],
    });
    expect(many.status).toBe(409);
    expect(many.body.errors).toEqual({ '1.keyword': ['This sector already has this keyword.'] });
    const list = await svc.call('GET', `/planner/keywords?sector_id=${sector.id}`, { token: s.token });
    expect(list.body.count).toBe(1);
  });

  it('lists with filters, ordering and pages', async () => {
    const { s, sector } = await workspace();
    const body = Array.from({ length: 30 }, (_, i) => ({ sector_id: sector.id, keyword: `shoe ${i}`, volume: i * 10, difficulty: i, intent: i % 2 ? 'commercial' : 'informational' }));
    expect((await svc.call('POST', '/planner/keywords', { token: s.token, body })).status).toBe(201);
    const page = await svc.call('GET', `/planner/keywords?sector_id=${sector.id}&ordering=-volume&page_size=10&page=2`, { token: s.token });
    expect(page.body.count).toBe(30);
    expect(page.body.results.map((k: any) => k.volume)).toEqual([190, 180, 170, 160, 150, 140, 130, 120, 110, 100]);
    expect(page.body.next).toContain('page=3');
    expect(page.body.previous).toContain('page=1');
    const filtered = await svc.call('GET', `/planner/keywords?sector_id=${sector.id}&intent=commercial&min_volume=100&max_difficulty=20&ordering=keyword`, { token: s.token });
    expect(filtered.body.results.map((k: any) => k.keyword)).toEqual(['shoe 11', 'shoe 13', 'shoe 15', 'shoe 17', 'shoe 19']);
    const search = await svc.call('GET', `/planner/keywords?search=${encodeURIComponent('shoe 2')}&sector_id=${sector.id}`, { token: s.token });
    expect(search.body.count).toBe(11);
    // LIKE's wildcards typed by the user are literal characters, not "match anything".
    const wildcard = await svc.call('GET', `/planner/keywords?search=${encodeURIComponent('%')}&sector_id=${sector.id}`, { token: s.token });
    expect(wildcard.body.count).toBe(0);
    const underscore = await svc.call('GET', `/planner/keywords?search=${encodeURIComponent('shoe_1')}&sector_id=${sector.id}`, { token: s.token });
    expect(underscore.body.count).toBe(0);
    const bad = await svc.call('GET', `/planner/keywords?ordering=password&min_volume=-1`, { token: s.token });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['min_volume', 'ordering']);
  });

  it('updates, deletes one and bulk-deletes all or none', async () => {
    const { s, sector } = await workspace();
    const created = await svc.call('POST', '/planner/keywords', { token: s.token, body: ['a', 'b', 'c'].map((keyword) => ({ sector_id: sector.id, keyword })) });
    const [a, b, c] = created.body.data;
    const patched = await svc.call('PATCH', `/planner/keywords/${a.id}`, { token: s.token, body: { volume: 5, intent: 'transactional' } });
    expect(patched.body.data).toMatchObject({ volume: 5, intent: 'transactional' });
    const clash = await svc.call('PATCH', `/planner/keywords/${a.id}`, { token: s.token, body: { keyword: 'B' } });
    expect(clash.status).toBe(409);
    const other = await workspace();
    const foreign = await svc.call('POST', '/planner/keywords', { token: other.s.token, body: { sector_id: other.sector.id, keyword: 'x' } });
    const mixed = await svc.call('POST', '/planner/keywords/bulk-delete', { token: s.token, body: { ids: [b.id, foreign.body.data.id] } });
    expect(mixed.status).toBe(404);
    expect((await svc.call('GET', `/planner/keywords/${b.id}`, { token: s.token })).status).toBe(200);
    expect((await svc.call('GET', `/planner/keywords/${foreign.body.data.id}`, { token: other.s.token })).status).toBe(200);
    const bulk = await svc.call('POST', '/planner/keywords/bulk-delete', { token: s.token, body: { ids: [b.id, c.id] } });
    expect(bulk.body.data).toEqual({ deleted: 2 });
    expect((await svc.call('DELETE', `/planner/keywords/${a.id}`, { token: s.token })).status).toBe(200);
    expect((await svc.call('GET', `/planner/keywords?sector_id=${sector.id}`, { token: s.token })).body.count).toBe(0);
  });

  it('keeps other accounts and read-only roles out', async () => {
    const { s, sector } = await workspace();
    const k = (await svc.call('POST', '/planner/keywords', { token: s.token, body: { sector_id: sector.id, keyword: 'mine' } })).body.data;
    const other = await signup(svc);
    expect((await svc.call('POST', '/planner/keywords', { token: other.token, body: { sector_id: sector.id, keyword: 'theirs' } })).status).toBe(404);
    expect((await svc.call('PATCH', `/planner/keywords/${k.id}`, { token: other.token, body: { volume: 1 } })).status).toBe(404);
    expect((await svc.call('GET', '/planner/keywords', { token: other.token })).body.count).toBe(0);
    expect((await importCsv(other, sector.id, 'keyword\nx\n')).status).toBe(404);
    const viewer = await userWithRole(svc, s.accountId, 'viewer');
    expect((await svc.call('PATCH', `/planner/keywords/${k.id}`, { token: viewer.token, body: { volume: 1 } })).status).toBe(404);
    const admin = await userWithRole(svc, s.accountId, 'admin');
    expect((await svc.call('PATCH', `/planner/keywords/${k.id}`, { token: admin.token, body: { volume: 1 } })).status).toBe(200);
  });
});

describe('CSV import and export', () => {
  it('imports a Semrush export, merging duplicates and keeping good rows beside bad ones', async () => {
    const { s, sector } = await workspace();
    const res = await importCsv(s, sector.id, fixture('semrush.csv'));
    expect(res.status).toBe(200);
    expect(res.body.data.created).toBeGreaterThan(0);
    const first = await svc.call('GET', `/planner/keywords?sector_id=${sector.id}&search=running%20shoes&ordering=-volume`, { token: s.token });
    expect(first.body.results[0]).toMatchObject({ keyword: 'running shoes', volume: 74000, difficulty: 100, cpc: 0.95, intent: 'commercial' });

    const csv = 'Keyword,Volume,KD\nRunning  SHOES,80000,\nbrand new kw,10,5\nbrand new KW,20,6\nbad,-5,1\n,3,3\n';
    const again = await importCsv(s, sector.id, csv);
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ created: 1, updated: 1, skipped: 3 });
    expect(again.body.data.errors.map((e: any) => e.line)).toEqual([5, 6]);
    const merged = await svc.call('GET', `/planner/keywords?sector_id=${sector.id}&search=running%20shoes&ordering=-volume`, { token: s.token });
    // The new volume, while the blank difficulty keeps the known one.
    expect(merged.body.results[0]).toMatchObject({ keyword: 'running shoes', volume: 80000, difficulty: 100 });
    const newKw = await svc.call('GET', `/planner/keywords?sector_id=${sector.id}&search=brand%20new`, { token: s.token });
    expect(newKw.body.results).toHaveLength(1);
    expect(newKw.body.results[0]).toMatchObject({ volume: 20, difficulty: 6 });
  });

  it('imports legacy Excel files as Windows-1252 and says which encoding it read', async () => {
    const { s, sector } = await workspace();
    const excel = await importCsv(s, sector.id, fixture('excel-windows-1252.csv'));
    expect(excel.status).toBe(200);
    expect(excel.body.data).toMatchObject({ created: 4, errors: [], encoding: 'windows-1252' });
    const list = await svc.call('GET', `/planner/keywords?sector_id=${sector.id}&ordering=keyword`, { token: s.token });
    expect(list.body.results.map((k: any) => k.keyword)).toEqual(['bœuf bourguignon', 'café au lait', 'crème brûlée', '€ exchange rate']);
    const stray = await importCsv(s, sector.id, fixture('utf8-stray-bytes.csv'));
    expect(stray.body.data).toMatchObject({ created: 2, skipped: 1, encoding: 'utf-8', errors: [{ line: 3, message: expect.stringContaining('not valid UTF-8') }] });
    expect((await svc.call('GET', `/planner/keywords?sector_id=${sector.id}&search=Paulo`, { token: s.token })).body.results[0].keyword).toBe('São Paulo');
    expect((await importCsv(s, sector.id, 'keyword\nshoes\n')).body.data.encoding).toBe('utf-8');
  });

  it('accepts the file as a multipart field', async () => {
    const { s, sector } = await workspace();
    const form = new FormData();
    form.append('file', new Blob(['keyword;volume\nkaffee;1.200\n']), 'k.csv');
    const req = new Request('http://x', { method: 'POST', body: form });
    const res = await svc.call('POST', `/planner/keywords/import?sector_id=${sector.id}`, {
      token: s.token,
      body: new Uint8Array(await req.arrayBuffer()),
      headers: { 'content-type': req.headers.get('content-type')! },
    });
    expect(res.status).toBe(200);
    expect(res.body.data.created).toBe(1);
  });

  it('refuses fatal files whole, with 4xx and nothing imported', async () => {
    const { s, sector } = await workspace();
    const noKeyword = await importCsv(s, sector.id, 'term,volume\nx,1\n');
    expect(noKeyword.status).toBe(400);
    expect(noKeyword.body.errors.file[0]).toContain('term');
    expect((await importCsv(s, sector.id, '')).status).toBe(400);
    const binary = await importCsv(s, sector.id, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0xfe, 0]));
    expect([400, 415]).toContain(binary.status);
    const big = 'keyword,volume\n' + Array.from({ length: 20_000 }, (_, i) => `keyword number ${i},${i}`).join('\n');
    const tooLarge = await importCsv(s, sector.id, big);
    expect(tooLarge.status).toBe(413);
    expect((await svc.call('GET', `/planner/keywords?sector_id=${sector.id}`, { token: s.token })).body.count).toBe(0);
  });

  it('exports CSV that imports back unchanged, with formula cells escaped', async () => {
    const { s, sector } = await workspace();
    await svc.call('POST', '/planner/keywords', {
      token: s.token,
      body: [
        { sector_id: sector.id, keyword: '=cmd|calc', volume: 10, difficulty: 3, cpc: 1.5, intent: 'commercial', country: 'us' },
        { sector_id: sector.id, keyword: 'plain, with comma', volume: 5 },
      ],
    });
    const res = await svc.app.request(`/api/v1/planner/keywords/export?sector_id=${sector.id}`, { headers: { authorization: `Bearer ${s.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const text = await res.text();
    expect(text).toContain("'=cmd|calc");
    expect(text).toContain('"plain, with comma"');
    const target = await createSector(svc, s, sector.site_id);
    const back = await importCsv(s, target.id, text);
    expect(back.body.data).toMatchObject({ created: 2, errors: [] });
    const copied = await svc.call('GET', `/planner/keywords?sector_id=${target.id}&ordering=-volume`, { token: s.token });
    expect(copied.body.results.map((k: any) => [k.keyword, k.volume, k.difficulty, k.cpc, k.intent, k.country])).toEqual([
      ['=cmd|calc', 10, 3, 1.5, 'commercial', 'US'],
      ['plain, with comma', 5, null, null, null, null],
    ]);
  });
});

describe('totals of long lists', () => {
  it('keeps exact sector totals through creates, imports and deletes, and caps filtered counts', async () => {
    const { s, site, sector } = await workspace();
    const other = await createSector(svc, s, site.id);
    await svc.call('POST', '/planner/keywords', { token: s.token, body: Array.from({ length: 5 }, (_, i) => ({ sector_id: other.id, keyword: `other ${i}` })) });
    const rows = Array.from({ length: 10_050 }, (_, i) => `kw ${i},${i % 7}`).join('\n');
    const imported = await importCsv(s, sector.id, `keyword,volume\n${rows}\n`);
    expect(imported.body.data.created).toBe(10_050);
    // The same file again changes nothing and counts nothing twice.
    await importCsv(s, sector.id, `keyword,volume\n${rows}\n`);
    const whole = await svc.call('GET', `/planner/keywords?sector_id=${sector.id}&page_size=10`, { token: s.token });
    expect(whole.body).toMatchObject({ count: 10_050 });
    expect(whole.body).not.toHaveProperty('count_exact');
    expect((await svc.call('GET', `/planner/keywords?site_id=${site.id}`, { token: s.token })).body.count).toBe(10_055);
    expect((await svc.call('GET', '/planner/keywords', { token: s.token })).body.count).toBe(10_055);
    // A filtered list counts ten pages past the one asked for: enough to page on, never the whole table.
    const filtered = await svc.call('GET', `/planner/keywords?sector_id=${sector.id}&min_volume=0&page=3&page_size=10`, { token: s.token });
    expect(filtered.body).toMatchObject({ count: 130, count_exact: false });
    expect(filtered.body.next).toContain('page=4');
    const deep = await svc.call('GET', `/planner/keywords?sector_id=${sector.id}&min_volume=0&page=1000&page_size=10`, { token: s.token });
    expect(deep.body).toMatchObject({ count: 10_050 });
    expect(deep.body).not.toHaveProperty('count_exact');
    expect(deep.body.next).toContain('page=1001');
    const few = await svc.call('GET', `/planner/keywords?sector_id=${sector.id}&min_volume=6&page_size=500`, { token: s.token });
    expect(few.body.count).toBe(1435);
    expect(few.body).not.toHaveProperty('count_exact');
    const ids = (await svc.call('GET', `/planner/keywords?sector_id=${sector.id}&page_size=500`, { token: s.token })).body.results.map((k: any) => k.id);
    await svc.call('POST', '/planner/keywords/bulk-delete', { token: s.token, body: { ids } });
    expect((await svc.call('GET', `/planner/keywords?sector_id=${sector.id}`, { token: s.token })).body.count).toBe(9_550);
    const stranger = await signup(svc);
    expect((await svc.call('GET', '/planner/keywords', { token: stranger.token })).body.count).toBe(0);
  }, 60_000);
});
