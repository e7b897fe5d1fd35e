import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSector, createSite, signup } from '../../../../test/factories';
import { createTestService, type TestService } from '../../../../test/service';
import { visibleOne } from '../../../access';
import { importKeywords } from './import';

let svc: TestService;
beforeAll(async () => {
  svc = await createTestService();
});
afterAll(() => svc.close());

// The sector holds alpha and beta before each import; the file repeats keys across batches of two
// (lines 2-3, 4-5, 6-7, 8): alpha it had, delta it creates from line 4 and then sees again blank.
const CSV = 'Keyword,Volume,KD\nAlpha,100,\ngamma,1,1\ndelta,2,2\nALPHA,,30\nDelta,,\nbeta,5,7\neps,3,3\n';

async function importInBatches(batchRows: number, seeded = true) {
  const s = await signup(svc);
  const sector = await createSector(svc, s, (await createSite(svc, s)).id);
  const seed = [{ sector_id: sector.id, keyword: 'alpha', volume: 10, difficulty: 20 }, { sector_id: sector.id, keyword: 'beta', volume: 5, difficulty: 7 }];
  if (seeded) expect((await svc.call('POST', '/planner/keywords', { token: s.token, body: seed })).status).toBe(201);
  const scope = { kind: 'account' as const, accountId: s.accountId, siteIds: null, readOnly: false };
  async function* file() {
    yield new TextEncoder().encode(CSV);
  }
  const result = await svc.deps.db.run(scope, async (tx) => importKeywords(tx, await visibleOne(tx, 'sector', sector.id), file(), { maxBytes: 1 << 20, batchRows }));
  const list = await svc.call('GET', `/planner/keywords?sector_id=${sector.id}&ordering=keyword`, { token: s.token });
  return { result, count: list.body.count, rows: list.body.results.map((k: any) => [k.keyword, k.volume, k.difficulty]) };
}

describe('an import in batches', () => {
  it('ends exactly as one batch does: the last line of a repeated keyword wins against what the sector had', async () => {
    const whole = await importInBatches(1000);
    const batched = await importInBatches(2);
    expect(whole.result).toMatchObject({ created: 3, updated: 1, skipped: 3, errors: [] });
    // alpha keeps its spelling and the volume it had (the last alpha line leaves it blank); delta
    // is the last Delta line whole, with its blanks, not the line before it.
    expect(whole.rows).toEqual([['Delta', null, null], ['alpha', 10, 30], ['beta', 5, 7], ['eps', 3, 3], ['gamma', 1, 1]]);
    expect(whole.count).toBe(5);
    expect(batched).toEqual(whole);
  });

  it('into an empty sector ends as one batch does, a repeated keyword taking its last line whole', async () => {
    const whole = await importInBatches(1000, false);
    const batched = await importInBatches(2, false);
    expect(whole.result).toMatchObject({ created: 5, updated: 0, skipped: 2, errors: [] });
    expect(whole.rows).toEqual([['ALPHA', null, 30], ['Delta', null, null], ['beta', 5, 7], ['eps', 3, 3], ['gamma', 1, 1]]);
    expect(batched).toEqual(whole);
  });

  it('stores backslashes, accents and rows longer than the batch buffer as they were written', async () => {
    const s = await signup(svc);
    const sector = await createSector(svc, s, (await createSite(svc, s)).id);
    const scope = { kind: 'account' as const, accountId: s.accountId, siteIds: null, readOnly: false };
    const importRows = (keywords: string[], batchRows?: number) =>
      svc.deps.db.run(scope, async (tx) => {
        async function* file() {
          yield new TextEncoder().encode(`Keyword\n${keywords.join('\n')}\n`);
        }
        return importKeywords(tx, await visibleOne(tx, 'sector', sector.id), file(), { maxBytes: 1 << 24, batchRows });
      });
    // COPY's text format reads "\N" as null and "\t" as a tab unless they are escaped.
    const odd = ['\\N', 'C:\\temp\\new', 'crème brûlée €', '東京 ラーメン'];
    expect(await importRows(odd, 2)).toMatchObject({ created: odd.length, errors: [] });
    // 6 000 rows of 250 characters take one batch's buffer past its first megabyte twice.
    const long = Array.from({ length: 6000 }, (_, i) => `${'é'.repeat(120)} ${i}`);
    expect(await importRows(long)).toMatchObject({ created: long.length, errors: [] });
    const stored = await svc.deps.db.owner`select keyword from keywords where sector_id = ${sector.id}`;
    expect(new Set(stored.map((r) => r.keyword))).toEqual(new Set([...odd, ...long]));
  });
});
