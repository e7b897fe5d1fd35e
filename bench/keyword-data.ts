// Realistic-looking keyword rows generated in SQL, for the planner benchmarks.
import type { Sql } from '../service/src/db/client';

const HEADS = ['running shoes', 'coffee grinder', 'yoga mat', 'standing desk', 'electric bike', 'air fryer', 'dog food', 'hiking boots',
  'gaming chair', 'protein powder', 'car insurance', 'credit card', 'wedding dress', 'garden hose', 'baby stroller', 'web hosting'];
const MODIFIERS = ['best', 'cheap', 'top', 'buy', 'review', 'how to choose', 'vs', 'for beginners', 'near me', 'sale', 'for women',
  'for men', '2025', 'reddit', 'alternatives', 'guide'];

/** An owner account with a site and a sector, made through SQL as the table owner. */
export async function benchAccount(sql: Sql, name: string) {
  const [account] = await sql`
    with p as (select id from plans where is_default)
    insert into accounts (name, plan_id, credits) select ${name}, p.id, 1000000 from p returning id`;
  const [site] = await sql`insert into sites (account_id, name) values (${account!.id}, ${`${name} site`}) returning id`;
  const [sector] = await sql`insert into sectors (account_id, site_id, name) values (${account!.id}, ${site!.id}, ${`${name} sector`}) returning id`;
  return { accountId: account!.id as string, siteId: site!.id as string, sectorId: sector!.id as string };
}

/** Inserts `count` keywords into a sector with volumes, difficulties and intents spread like real data; analyse the table once after the last call. */
export async function insertKeywords(sql: Sql, at: { accountId: string; siteId: string; sectorId: string }, count: number) {
  const batch = 200_000;
  for (let from = 0; from < count; from += batch) {
    await sql`
      insert into keywords (account_id, site_id, sector_id, keyword, normalized, volume, difficulty, cpc, intent)
      select ${at.accountId}, ${at.siteId}, ${at.sectorId}, kw, kw,
             (power(10, random() * 5))::int, (random() * 100)::int, round((random() * 5)::numeric, 2),
             (array['informational', 'navigational', 'commercial', 'transactional'])[1 + floor(random() * 4)::int]
      from (
        select i, (${MODIFIERS}::text[])[1 + (i % ${MODIFIERS.length}::int)] || ' ' || (${HEADS}::text[])[1 + ((i / ${MODIFIERS.length}) % ${HEADS.length})]
                  || ' ' || i::text as kw
        from generate_series(${from}::int, ${Math.min(count, from + batch) - 1}::int) i
      ) g`;
  }
}
