// Keyword lists at scale: 1 M keywords in one account (5 sectors of 200 k) beside 99 accounts of
// 1 000, 50 concurrent clients asking for filtered, ordered pages of 50 through the HTTP API,
// against the same SQL (the service's own list query, under the same row-level security) run
// through bare postgres.js at the same concurrency.
//   npx tsx bench/keywords-list.ts [keywords] [seconds]
import { Agent } from 'node:http';
import type { KeywordListQuery } from '@igny8/shared';
import { listKeywords } from '../service/src/modules/planner/keywords/queries';
import { benchDatabase, BENCH_ENV } from './bench-db';
import { closedLoop, httpGet, startService, type Stats } from './http-load';
import { benchAccount, insertKeywords } from './keyword-data';

const KEYWORDS = Number(process.argv[2] ?? 1_000_000);
const SECONDS = Number(process.argv[3] ?? 20);
const CLIENTS = 50;
const SECTORS = 5;

const db = await benchDatabase();
const sql = db.deps.db.owner;
try {
  let t = performance.now();
  const big = await benchAccount(sql, 'Big');
  const sectors = [big.sectorId];
  for (let i = 1; i < SECTORS; i++) {
    const [s] = await sql`insert into sectors (account_id, site_id, name) values (${big.accountId}, ${big.siteId}, ${`Sector ${i}`}) returning id`;
    sectors.push(s!.id as string);
  }
  for (const sectorId of sectors) await insertKeywords(sql, { ...big, sectorId }, KEYWORDS / SECTORS);
  for (let i = 0; i < 99; i++) await insertKeywords(sql, await benchAccount(sql, `Small ${i}`), 1000);
  await sql`vacuum analyze keywords`;
  console.log(`data: ${KEYWORDS} keywords in one account + 99 000 in 99 others, made in ${((performance.now() - t) / 1000).toFixed(0)} s`);

  // A signed-in owner of the big account.
  const [user] = await sql`insert into users (account_id, email, role) values (${big.accountId}, 'owner@example.com', 'owner') returning id`;
  const [session] = await sql`insert into auth_sessions (account_id, user_id) values (${big.accountId}, ${user!.id}) returning id`;
  const token = await db.deps.tokens.access({ userId: user!.id, accountId: big.accountId, role: 'owner', sessionId: session!.id });

  // The mix of list requests: page through everything, a sector, and filtered views.
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]!;
  const queries: (() => Partial<KeywordListQuery> & { page: number })[] = [
    () => ({ ordering: '-volume', page: 1 + Math.floor(Math.random() * 20) }),
    () => ({ sector_id: pick(sectors), ordering: '-volume', page: 1 + Math.floor(Math.random() * 20) }),
    () => ({ intent: 'commercial', min_volume: 100, ordering: 'keyword', page: 1 + Math.floor(Math.random() * 10) }),
    () => ({ sector_id: pick(sectors), max_difficulty: 30, ordering: '-volume', page: 1 + Math.floor(Math.random() * 10) }),
    () => ({ ordering: '-created_at', page: 1 + Math.floor(Math.random() * 20) }),
  ];
  const toPath = (q: Record<string, unknown>) =>
    `/api/v1/planner/keywords?page_size=50&${Object.entries(q).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&')}`;

  const service = await startService(db.url, BENCH_ENV);
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  for (let i = 0; i < 100; i++) await httpGet(agent, service.port, toPath(pick(queries)()), token); // warm up
  const api = await closedLoop(CLIENTS, SECONDS, async () => (await httpGet(agent, service.port, toPath(pick(queries)()), token)) === 200);
  await service.stop();
  agent.destroy();

  const scope = { kind: 'account' as const, accountId: big.accountId, siteIds: null, readOnly: false };
  const bare = await closedLoop(CLIENTS, SECONDS, async () => {
    const q = pick(queries)();
    await db.deps.db.run(scope, (tx) => listKeywords(tx, { ordering: "-volume", ...q } as KeywordListQuery, { limit: 50, offset: (q.page - 1) * 50 }, big.accountId));
    return true;
  });

  const row = (name: string, s: Stats) =>
    console.log(`${name.padEnd(24)} ${s.perSecond.toFixed(0).padStart(6)} req/s   p50 ${s.p50.toFixed(1).padStart(6)} ms   p99 ${s.p99.toFixed(1).padStart(6)} ms   (${s.requests} requests, ${s.errors} errors)`);
  console.log(`${CLIENTS} concurrent clients, ${SECONDS} s each`);
  row('HTTP API', api);
  row('bare postgres.js', bare);
  console.log(`ratio API / bare (throughput): ${(api.perSecond / bare.perSecond).toFixed(2)}x`);
} finally {
  await db.drop();
}
