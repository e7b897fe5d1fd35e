import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scope, Tx } from '../src/db/client';
import { fromDatabase } from '../src/http/database-errors';
import { createSector, createSite, signup, upgradePlan, type Session } from './factories';
import { createTestService, type TestService } from './service';

/**
 * A keyword's sector and cluster are checked once per statement by triggers rather than by foreign
 * keys (migration 0019): the same rules, including the locks that make a concurrent delete either
 * wait or find the keyword.
 */

let svc: TestService;
let a: Session;
let b: Session;
beforeAll(async () => {
  svc = await createTestService();
  a = await signup(svc, 'Alpha');
  b = await signup(svc, 'Bravo');
  await upgradePlan(svc, a.accountId);
  await upgradePlan(svc, b.accountId);
});
afterAll(() => svc.close());

const scopeOf = (s: Session): Scope => ({ kind: 'account', accountId: s.accountId, siteIds: null, readOnly: false });

async function place(s: Session) {
  const site = await createSite(svc, s);
  const sector = await createSector(svc, s, site.id);
  return { accountId: s.accountId, siteId: site.id as string, sectorId: sector.id as string };
}

type Place = Awaited<ReturnType<typeof place>>;

const insertKeyword = (tx: Tx, at: Place, keyword: string, clusterId: string | null = null) =>
  tx`insert into keywords (account_id, site_id, sector_id, keyword, normalized, cluster_id)
     values (${at.accountId}, ${at.siteId}, ${at.sectorId}, ${keyword}, ${keyword}, ${clusterId}) returning id`;

const insertCluster = async (at: Place, name: string) => {
  const [c] = await svc.deps.db.run(scopeOf(a), (tx) => tx`insert into clusters (account_id, site_id, sector_id, name) values (${at.accountId}, ${at.siteId}, ${at.sectorId}, ${name}) returning id`);
  return c!.id as string;
};

const failure = (query: Promise<unknown>) => query.then(() => expect.unreachable('the statement went through'), (err: unknown) => err);

const keywordsOf = async (sectorId: string) =>
  (await svc.deps.db.owner`select count(*)::int as n from keywords where sector_id = ${sectorId}`)[0]!.n as number;

/** Resolves once `n` sessions of the test database wait on a lock. */
async function lockWaiters(n: number) {
  for (let i = 0; i < 200; i++) {
    const [w] = await svc.deps.db.owner`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`;
    if (w!.n >= n) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('no session waited on a lock');
}

/** Runs `fn` in a transaction of its own that stays open until the returned release() is called. */
function heldOpen(scope: Scope, fn: (tx: Tx) => Promise<unknown>) {
  let release!: () => void;
  let ran!: () => void;
  const done = new Promise<void>((r) => (release = r));
  const started = new Promise<void>((r) => (ran = r));
  const finished = svc.deps.db.run(scope, async (tx) => {
    await fn(tx);
    ran();
    await done;
  });
  return { started, release, finished };
}

describe('keyword references', () => {
  it('refuses a keyword whose sector is in another account, or in another site of the same account', async () => {
    const mine = await place(a);
    const other = await place(a);
    const theirs = await place(b);
    const foreign = await failure(svc.deps.db.run(scopeOf(a), (tx) => insertKeyword(tx, { ...mine, sectorId: theirs.sectorId }, 'planted')));
    expect(foreign).toMatchObject({ code: '23503', constraint_name: 'keywords_sector' });
    expect(fromDatabase(foreign)).toMatchObject({ status: 400, code: 'invalid_input' });
    const elsewhere = await failure(svc.deps.db.run(scopeOf(a), (tx) => insertKeyword(tx, { ...mine, sectorId: other.sectorId }, 'misplaced')));
    expect(elsewhere).toMatchObject({ code: '23503', constraint_name: 'keywords_sector' });
    // One bad row in a statement refuses the statement whole.
    const mixed = await failure(svc.deps.db.run(scopeOf(a), (tx) =>
      tx`insert into keywords (account_id, site_id, sector_id, keyword, normalized)
         values (${mine.accountId}, ${mine.siteId}, ${mine.sectorId}, 'good', 'good'), (${mine.accountId}, ${mine.siteId}, ${theirs.sectorId}, 'bad', 'bad')`));
    expect(mixed).toMatchObject({ code: '23503' });
    expect(await keywordsOf(mine.sectorId)).toBe(0);
    expect(await keywordsOf(theirs.sectorId)).toBe(0);
  });

  it('refuses a cluster of another sector, on insert and on update, and takes one of its own', async () => {
    const here = await place(a);
    const there = await place(a);
    const own = await insertCluster(here, 'Running shoes');
    const foreign = await insertCluster(there, 'Yoga mats');
    const inserted = await failure(svc.deps.db.run(scopeOf(a), (tx) => insertKeyword(tx, here, 'yoga mat', foreign)));
    expect(inserted).toMatchObject({ code: '23503', constraint_name: 'keywords_cluster' });
    const [kw] = await svc.deps.db.run(scopeOf(a), (tx) => insertKeyword(tx, here, 'running shoes', own));
    const moved = await failure(svc.deps.db.run(scopeOf(a), (tx) => tx`update keywords set cluster_id = ${foreign} where id = ${kw!.id}`));
    expect(moved).toMatchObject({ code: '23503', constraint_name: 'keywords_cluster' });
    const missing = await failure(svc.deps.db.run(scopeOf(a), (tx) => tx`update keywords set cluster_id = gen_random_uuid() where id = ${kw!.id}`));
    expect(missing).toMatchObject({ code: '23503' });
    const [kept] = await svc.deps.db.owner`select cluster_id from keywords where id = ${kw!.id}`;
    expect(kept!.cluster_id).toBe(own);
    const movedCluster = await failure(svc.deps.db.run(scopeOf(a), (tx) => tx`update clusters set sector_id = ${there.sectorId} where id = ${own}`));
    expect(movedCluster).toMatchObject({ code: 'IG001' });
  });

  it('empties the cluster of its keywords when the cluster is deleted', async () => {
    const here = await place(a);
    const cluster = await insertCluster(here, 'Coffee grinders');
    await svc.deps.db.run(scopeOf(a), async (tx) => {
      await insertKeyword(tx, here, 'burr grinder', cluster);
      await insertKeyword(tx, here, 'hand grinder', cluster);
    });
    await svc.deps.db.run(scopeOf(a), (tx) => tx`delete from clusters where id = ${cluster}`);
    const rows = await svc.deps.db.owner`select cluster_id from keywords where sector_id = ${here.sectorId}`;
    expect(rows.map((r) => r.cluster_id)).toEqual([null, null]);
  });

  it('deletes a sector’s keywords with the sector, and a site’s with the site, leaving others', async () => {
    const gone = await place(a);
    const kept = await place(a);
    const theirs = await place(b);
    await svc.deps.db.run(scopeOf(a), async (tx) => {
      await insertKeyword(tx, gone, 'one');
      await insertKeyword(tx, kept, 'two');
    });
    await svc.deps.db.run(scopeOf(b), (tx) => insertKeyword(tx, theirs, 'three'));
    expect((await svc.call('DELETE', `/sectors/${gone.sectorId}`, { token: a.token })).status).toBe(200);
    expect(await keywordsOf(gone.sectorId)).toBe(0);
    expect(await keywordsOf(kept.sectorId)).toBe(1);
    // A site's sectors go by the foreign key's cascade, their keywords by the trigger behind it.
    expect((await svc.call('DELETE', `/sites/${kept.siteId}`, { token: a.token })).status).toBe(200);
    expect(await keywordsOf(kept.sectorId)).toBe(0);
    expect(await keywordsOf(theirs.sectorId)).toBe(1);
  });

  it('makes an insert wait for a delete of its sector in progress, then refuses it', async () => {
    const at = await place(a);
    const deleting = heldOpen(scopeOf(a), (tx) => tx`delete from sectors where id = ${at.sectorId}`);
    await deleting.started;
    const inserting = failure(svc.deps.db.run(scopeOf(a), (tx) => insertKeyword(tx, at, 'late')));
    await lockWaiters(1);
    deleting.release();
    await deleting.finished;
    expect(await inserting).toMatchObject({ code: '23503', constraint_name: 'keywords_sector' });
    expect(await keywordsOf(at.sectorId)).toBe(0);
  });

  it('makes a delete of a sector wait for keywords being inserted into it, then deletes them too', async () => {
    const at = await place(a);
    const inserting = heldOpen(scopeOf(a), (tx) => insertKeyword(tx, at, 'early'));
    await inserting.started;
    const deleted = svc.deps.db.run(scopeOf(a), (tx) => tx`delete from sectors where id = ${at.sectorId} returning id`);
    await lockWaiters(1);
    inserting.release();
    await inserting.finished;
    expect(await deleted).toHaveLength(1);
    expect(await keywordsOf(at.sectorId)).toBe(0);
  });
});
