// Whether a trigram index on keywords.keyword earns its cost: the keyword list's `search` filter
// (keyword ilike '%…%', see listKeywords) over 1 M keywords in one account (beside 99 accounts of
// 1 000), as the tenant under row-level security, with the index and without, how often the
// planner used it, and what it costs every insert: 200 k keywords inserted into a new sector with
// and without it.
//   npx tsx bench/keyword-search.ts [keywords] [repeats]
import type { KeywordListQuery } from '@igny8/shared';
import { listKeywords } from '../service/src/modules/planner/keywords/queries';
import { benchDatabase } from './bench-db';
import { benchAccount, insertKeywords } from './keyword-data';

const KEYWORDS = Number(process.argv[2] ?? 1_000_000);
const REPEATS = Number(process.argv[3] ?? 3);
const INSERTED = 200_000;

// From the term in every tenth keyword to one in no keyword at all.
const SEARCHES = ['shoes', 'coffee grinder', 'best yoga mat', 'for beginners 12', '123456', 'no such keyword'];
const ORDERINGS = ['-volume', 'keyword'] as const;

const db = await benchDatabase();
const sql = db.deps.db.owner;
const ms = (t: number) => `${t.toFixed(1).padStart(8)} ms`;
try {
  const big = await benchAccount(sql, 'Big');
  await insertKeywords(sql, big, KEYWORDS);
  for (let i = 0; i < 99; i++) await insertKeywords(sql, await benchAccount(sql, `Small ${i}`), 1000);
  await sql`vacuum analyze keywords`;
  const scope = { kind: 'account' as const, accountId: big.accountId, siteIds: null, readOnly: false };

  /** The median time of a first page of 50 and its capped count, per search and ordering. */
  async function searchTimes() {
    const times: Record<string, number> = {};
    const scans = async () => {
      // Statistics reach the view within a second of the transaction's end.
      await new Promise((r) => setTimeout(r, 1500));
      const [row] = await sql`select coalesce(sum(idx_scan), 0)::int as n from pg_stat_user_indexes where indexrelname = 'keywords_search'`;
      return row!.n as number;
    };
    const scansBefore = await scans();
    for (const search of SEARCHES) {
      for (const ordering of ORDERINGS) {
        const runs: number[] = [];
        let count = 0;
        for (let i = 0; i < REPEATS; i++) {
          const t = performance.now();
          const page = await db.deps.db.run(scope, (tx) => listKeywords(tx, { search, ordering } as KeywordListQuery, { limit: 50, offset: 0 }, big.accountId));
          runs.push(performance.now() - t);
          count = page.count;
        }
        times[`${search} (${ordering}), ${count} found`] = runs.sort((a, b) => a - b)[Math.floor(REPEATS / 2)]!;
      }
    }
    return { times, trigramScans: (await scans()) - scansBefore };
  }

  async function insertTime(name: string) {
    const at = await benchAccount(sql, name);
    const t = performance.now();
    await insertKeywords(sql, at, INSERTED);
    return performance.now() - t;
  }

  // The schema may or may not have the index: measure without it first, then with it.
  await sql`drop index if exists keywords_search`;
  const without = await searchTimes();
  const insertWithout = await insertTime('Insert without');
  await sql`create index keywords_search on keywords using gin (keyword gin_trgm_ops)`;
  await sql`analyze keywords`;
  const [size] = await sql`select pg_size_pretty(pg_relation_size('keywords_search')) as trigram, pg_size_pretty(pg_table_size('keywords')) as heap`;
  const withIndex = await searchTimes();
  const insertWith = await insertTime('Insert with');

  console.log(`${KEYWORDS} keywords in one account; median of ${REPEATS} first pages of 50 with their count`);
  console.log(`${'search'.padEnd(48)} ${'trigram index'.padStart(13)} ${'no index'.padStart(11)}`);
  for (const key of Object.keys(withIndex.times)) console.log(`${key.padEnd(48)} ${ms(withIndex.times[key]!)} ${ms(without.times[key]!)}`);
  console.log(`scans of the trigram index during these searches: ${withIndex.trigramScans}`);
  console.log(`inserting ${INSERTED} keywords: ${ms(insertWith)} with the index, ${ms(insertWithout)} without`);
  console.log(`the trigram index: ${size!.trigram} beside ${size!.heap} of table`);
} finally {
  await db.drop();
}
