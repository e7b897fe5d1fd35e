import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSector, createSite, grantSite, signup, upgradePlan, userWithRole, type Session } from '../../../test/factories';
import { createTestService, type TestService } from '../../../test/service';
import { describeAuthorProfile, describeStrategy } from './describe';
import { getAuthorProfile, getStrategy } from './service';

let svc: TestService;
beforeAll(async () => {
  svc = await createTestService();
});
afterAll(() => svc.close());

const scopeOf = (s: Session) => ({ kind: 'account' as const, accountId: s.accountId, siteIds: null, readOnly: false });

const profile = (over: Record<string, unknown> = {}) => ({
  name: `Profile ${Math.random().toString(36).slice(2, 8)}`,
  description: 'Hands-on gardener who has grown vegetables for twenty years.',
  tone: 'warm, practical, encouraging',
  audience: 'beginner home gardeners',
  reading_level: 'grade 8',
  do_list: ['Give exact quantities', 'Mention the season'],
  dont_list: ['Recommend chemical pesticides'],
  ...over,
});

describe('/thinker/author-profiles', () => {
  it('creates, reads, lists, updates and deletes a profile', async () => {
    const s = await signup(svc);
    const created = await svc.call('POST', '/thinker/author-profiles', { token: s.token, body: profile({ name: '  Green Thumb  ' }) });
    expect(created.status).toBe(201);
    const p = created.body.data;
    expect(p).toMatchObject({ name: 'Green Thumb', account_id: s.accountId, is_default: false, do_list: ['Give exact quantities', 'Mention the season'] });

    expect((await svc.call('GET', `/thinker/author-profiles/${p.id}`, { token: s.token })).body.data).toEqual(p);
    const listed = await svc.call('GET', '/thinker/author-profiles', { token: s.token });
    expect(listed.body).toMatchObject({ success: true, count: 1, next: null, previous: null });
    expect(listed.body.results[0].id).toBe(p.id);

    const patched = await svc.call('PATCH', `/thinker/author-profiles/${p.id}`, { token: s.token, body: { tone: 'dry, witty', dont_list: [] } });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ tone: 'dry, witty', dont_list: [], name: 'Green Thumb', audience: 'beginner home gardeners' });

    expect((await svc.call('DELETE', `/thinker/author-profiles/${p.id}`, { token: s.token })).status).toBe(200);
    expect((await svc.call('GET', `/thinker/author-profiles/${p.id}`, { token: s.token })).status).toBe(404);
    expect((await svc.call('DELETE', `/thinker/author-profiles/${p.id}`, { token: s.token })).status).toBe(404);
  });

  it('pages the list with the contract envelope', async () => {
    const s = await signup(svc);
    for (let i = 0; i < 3; i++) await svc.call('POST', '/thinker/author-profiles', { token: s.token, body: profile({ name: `P${i}` }) });
    const first = await svc.call('GET', '/thinker/author-profiles?page_size=2', { token: s.token });
    expect(first.body.count).toBe(3);
    expect(first.body.results.map((r: { name: string }) => r.name)).toEqual(['P0', 'P1']);
    expect(first.body.next).toContain('page=2');
    const second = await svc.call('GET', first.body.next.replace(/^https?:\/\/[^/]+/, ''), { token: s.token });
    expect(second.body.results.map((r: { name: string }) => r.name)).toEqual(['P2']);
    expect(second.body.next).toBeNull();
  });

  it('keeps at most one default: a new default takes over from the old one', async () => {
    const s = await signup(svc);
    const a = (await svc.call('POST', '/thinker/author-profiles', { token: s.token, body: profile({ name: 'A', is_default: true }) })).body.data;
    const b = (await svc.call('POST', '/thinker/author-profiles', { token: s.token, body: profile({ name: 'B', is_default: true }) })).body.data;
    expect(b.is_default).toBe(true);
    expect((await svc.call('GET', `/thinker/author-profiles/${a.id}`, { token: s.token })).body.data.is_default).toBe(false);

    const c = (await svc.call('POST', '/thinker/author-profiles', { token: s.token, body: profile({ name: 'C' }) })).body.data;
    const promoted = await svc.call('PATCH', `/thinker/author-profiles/${c.id}`, { token: s.token, body: { is_default: true } });
    expect(promoted.body.data.is_default).toBe(true);
    const defaults = await svc.deps.db.owner`select name from author_profiles where account_id = ${s.accountId} and is_default`;
    expect(defaults).toEqual([{ name: 'C' }]);
    // The list puts the default first.
    expect((await svc.call('GET', '/thinker/author-profiles', { token: s.token })).body.results[0].id).toBe(c.id);

    // The engine's lookup: by id, else the default, else nothing.
    expect((await svc.deps.db.run(scopeOf(s), (tx) => getAuthorProfile(tx, null)))?.id).toBe(c.id);
    expect((await svc.deps.db.run(scopeOf(s), (tx) => getAuthorProfile(tx, a.id)))?.name).toBe('A');
    await svc.call('DELETE', `/thinker/author-profiles/${c.id}`, { token: s.token });
    expect(await svc.deps.db.run(scopeOf(s), (tx) => getAuthorProfile(tx, null))).toBeNull();

    // Another account's default is independent.
    const other = await signup(svc);
    await svc.call('POST', '/thinker/author-profiles', { token: other.token, body: profile({ name: 'A', is_default: true }) });
    expect((await svc.call('GET', `/thinker/author-profiles/${b.id}`, { token: s.token })).body.data.is_default).toBe(false);
    expect(await svc.deps.db.run(scopeOf(s), (tx) => getAuthorProfile(tx, null))).toBeNull();
  });

  it('ends with exactly one default when several are created at once', async () => {
    const s = await signup(svc);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => svc.call('POST', '/thinker/author-profiles', { token: s.token, body: profile({ name: `Race ${i}`, is_default: true }) })),
    );
    for (const r of results) expect([201, 409], r.text).toContain(r.status);
    const conflicts = results.filter((r) => r.status === 409);
    for (const r of conflicts) expect(r.body.errors).toHaveProperty('is_default');
    const defaults = await svc.deps.db.owner`select id from author_profiles where account_id = ${s.accountId} and is_default`;
    expect(defaults).toHaveLength(1);
  });

  it('lets a developer manage any account’s profiles, keeping defaults per account', async () => {
    const a = await signup(svc);
    const home = await signup(svc);
    const developer = await userWithRole(svc, home.accountId, 'developer');
    const first = (await svc.call('POST', '/thinker/author-profiles', { token: a.token, body: profile({ name: 'First', is_default: true }) })).body.data;
    const second = (await svc.call('POST', '/thinker/author-profiles', { token: a.token, body: profile({ name: 'Second' }) })).body.data;
    const own = (await svc.call('POST', '/thinker/author-profiles', { token: developer.token, body: profile({ name: 'Support', is_default: true }) })).body.data;
    expect(own.account_id).toBe(home.accountId);
    const promoted = await svc.call('PATCH', `/thinker/author-profiles/${second.id}`, { token: developer.token, body: { is_default: true } });
    expect(promoted.status).toBe(200);
    const defaults = await svc.deps.db.owner`
      select account_id, name from author_profiles where account_id in (${a.accountId}, ${home.accountId}) and is_default order by name`;
    expect(defaults).toEqual([{ account_id: a.accountId, name: 'Second' }, { account_id: home.accountId, name: 'Support' }]);
    expect((await svc.call('GET', `/thinker/author-profiles/${first.id}`, { token: developer.token })).body.data.is_default).toBe(false);
  });

  it('refuses a second default written behind the service’s back', async () => {
    const s = await signup(svc);
    await svc.call('POST', '/thinker/author-profiles', { token: s.token, body: profile({ name: 'One', is_default: true }) });
    await expect(
      svc.deps.db.owner`insert into author_profiles (account_id, name, is_default) values (${s.accountId}, 'Two', true)`,
    ).rejects.toThrow(/author_profiles_one_default/);
  });

  it('answers 409 for a duplicate name and 400 with field errors for bad input', async () => {
    const s = await signup(svc);
    await svc.call('POST', '/thinker/author-profiles', { token: s.token, body: profile({ name: 'Twin' }) });
    const dup = await svc.call('POST', '/thinker/author-profiles', { token: s.token, body: profile({ name: 'twin' }) });
    expect(dup.status).toBe(409);
    expect(dup.body.errors).toEqual({ name: ['Already in use.'] });

    const bad = await svc.call('POST', '/thinker/author-profiles', {
      token: s.token,
      body: { name: '', tone: 'x'.repeat(501), do_list: ['ok', ''], dont_list: 'not a list', voice: 'unknown field' },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['do_list.1', 'dont_list', 'name', 'tone', 'voice']);
    const tooMany = await svc.call('POST', '/thinker/author-profiles', { token: s.token, body: profile({ do_list: Array.from({ length: 31 }, (_, i) => `r${i}`) }) });
    expect(tooMany.status).toBe(400);
    expect((await svc.call('GET', '/thinker/author-profiles/not-a-uuid', { token: s.token })).status).toBe(400);
  });

  it("answers 404 for another account's profile and changes nothing", async () => {
    const a = await signup(svc);
    const b = await signup(svc);
    const p = (await svc.call('POST', '/thinker/author-profiles', { token: a.token, body: profile({ name: 'Private voice' }) })).body.data;
    for (const [method, body] of [['GET'], ['PATCH', { name: 'Hijacked', is_default: true }], ['DELETE']] as const) {
      const res = await svc.call(method, `/thinker/author-profiles/${p.id}`, { token: b.token, ...(body ? { body } : {}) });
      expect(res.status, method).toBe(404);
    }
    const listed = await svc.call('GET', '/thinker/author-profiles', { token: b.token });
    expect(listed.body.count).toBe(0);
    expect(listed.text).not.toContain('Private voice');
    expect(await svc.deps.db.run(scopeOf(b), (tx) => getAuthorProfile(tx, p.id))).toBeNull();
    const [row] = await svc.deps.db.owner`select name, is_default from author_profiles where id = ${p.id}`;
    expect(row).toEqual({ name: 'Private voice', is_default: false });
  });

  it('lets viewers read but not write', async () => {
    const s = await signup(svc);
    const viewer = await userWithRole(svc, s.accountId, 'viewer');
    const p = (await svc.call('POST', '/thinker/author-profiles', { token: s.token, body: profile() })).body.data;
    expect((await svc.call('GET', `/thinker/author-profiles/${p.id}`, { token: viewer.token })).status).toBe(200);
    expect((await svc.call('POST', '/thinker/author-profiles', { token: viewer.token, body: profile() })).status).toBe(403);
    expect((await svc.call('PATCH', `/thinker/author-profiles/${p.id}`, { token: viewer.token, body: { tone: 'x' } })).status).toBe(403);
    expect((await svc.call('DELETE', `/thinker/author-profiles/${p.id}`, { token: viewer.token })).status).toBe(403);
    expect((await svc.call('GET', '/thinker/author-profiles', { token: s.token })).body.count).toBe(1);
  });
});

describe('/thinker/strategies', () => {
  const strategy = (over: Record<string, unknown> = {}) => ({
    name: `Strategy ${Math.random().toString(36).slice(2, 8)}`,
    description: 'Win beginner queries with thorough guides.',
    content_types: ['guide', 'how_to'],
    target_word_count: 1800,
    tone: 'confident and friendly',
    instructions: 'Always end with a checklist.',
    ...over,
  });

  it('creates, updates, lists and deletes account-wide and site strategies', async () => {
    const s = await signup(svc);
    await upgradePlan(svc, s.accountId);
    const site = await createSite(svc, s);
    const sector = await createSector(svc, s, site.id);

    const wide = await svc.call('POST', '/thinker/strategies', { token: s.token, body: strategy({ name: 'Everywhere', is_default: true }) });
    expect(wide.status).toBe(201);
    expect(wide.body.data).toMatchObject({ site_id: null, sector_id: null, content_types: ['guide', 'how_to'], target_word_count: 1800, is_default: true });

    // Naming only the sector places the strategy in the sector's site.
    const local = await svc.call('POST', '/thinker/strategies', { token: s.token, body: strategy({ name: 'Local', sector_id: sector.id }) });
    expect(local.status).toBe(201);
    expect(local.body.data).toMatchObject({ site_id: site.id, sector_id: sector.id });

    const other = await createSite(svc, s);
    const onOther = await svc.call('POST', '/thinker/strategies', { token: s.token, body: strategy({ name: 'Elsewhere', site_id: other.id }) });
    const forSite = await svc.call('GET', `/thinker/strategies?site_id=${site.id}`, { token: s.token });
    expect(forSite.body.results.map((r: { name: string }) => r.name).sort()).toEqual(['Everywhere', 'Local']);
    expect((await svc.call('GET', '/thinker/strategies', { token: s.token })).body.count).toBe(3);

    // Moving to another site drops the old site's sector.
    const moved = await svc.call('PATCH', `/thinker/strategies/${local.body.data.id}`, { token: s.token, body: { site_id: other.id, target_word_count: null } });
    expect(moved.status).toBe(200);
    expect(moved.body.data).toMatchObject({ site_id: other.id, sector_id: null, target_word_count: null, name: 'Local' });

    const second = await svc.call('PATCH', `/thinker/strategies/${onOther.body.data.id}`, { token: s.token, body: { is_default: true } });
    expect(second.body.data.is_default).toBe(true);
    expect((await svc.call('GET', `/thinker/strategies/${wide.body.data.id}`, { token: s.token })).body.data.is_default).toBe(false);
    expect((await svc.deps.db.run(scopeOf(s), (tx) => getStrategy(tx, null)))?.id).toBe(onOther.body.data.id);
    expect((await svc.deps.db.run(scopeOf(s), (tx) => getStrategy(tx, wide.body.data.id)))?.name).toBe('Everywhere');

    expect((await svc.call('DELETE', `/thinker/strategies/${wide.body.data.id}`, { token: s.token })).status).toBe(200);
    expect((await svc.call('GET', `/thinker/strategies/${wide.body.data.id}`, { token: s.token })).status).toBe(404);
  });

  it('refuses a sector of another site, an unknown or foreign site, and bad values', async () => {
    const s = await signup(svc);
    await upgradePlan(svc, s.accountId);
    const site = await createSite(svc, s);
    const other = await createSite(svc, s);
    const sector = await createSector(svc, s, other.id);
    const mismatch = await svc.call('POST', '/thinker/strategies', { token: s.token, body: strategy({ site_id: site.id, sector_id: sector.id }) });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors).toHaveProperty('sector_id');

    const stranger = await signup(svc);
    const foreignSite = await createSite(svc, stranger);
    const foreign = await svc.call('POST', '/thinker/strategies', { token: s.token, body: strategy({ site_id: foreignSite.id }) });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toHaveProperty('site_id');

    const bad = await svc.call('POST', '/thinker/strategies', {
      token: s.token,
      body: { name: 'x', content_types: ['Blog Post'], target_word_count: 50, instructions: 'y'.repeat(5001) },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['content_types.0', 'instructions', 'target_word_count']);
    expect((await svc.deps.db.owner`select count(*)::int as n from strategies where account_id = ${s.accountId}`)[0]!.n).toBe(0);
  });

  it('hides a site strategy from editors without access to that site, and from other accounts', async () => {
    const s = await signup(svc);
    await upgradePlan(svc, s.accountId);
    const granted = await createSite(svc, s);
    const hidden = await createSite(svc, s);
    const editor = await userWithRole(svc, s.accountId, 'editor');
    await grantSite(svc, s, granted.id, editor.userId);
    const h = (await svc.call('POST', '/thinker/strategies', { token: s.token, body: strategy({ name: 'Hidden', site_id: hidden.id }) })).body.data;
    await svc.call('POST', '/thinker/strategies', { token: s.token, body: strategy({ name: 'Shared' }) });

    const listed = await svc.call('GET', '/thinker/strategies', { token: editor.token });
    expect(listed.body.results.map((r: { name: string }) => r.name)).toEqual(['Shared']);
    expect((await svc.call('GET', `/thinker/strategies/${h.id}`, { token: editor.token })).status).toBe(404);
    expect((await svc.call('POST', '/thinker/strategies', { token: editor.token, body: strategy({ site_id: hidden.id }) })).status).toBe(400);
    expect((await svc.call('POST', '/thinker/strategies', { token: editor.token, body: strategy({ site_id: granted.id }) })).status).toBe(201);

    const b = await signup(svc);
    expect((await svc.call('PATCH', `/thinker/strategies/${h.id}`, { token: b.token, body: { name: 'Mine now' } })).status).toBe(404);
    expect((await svc.call('DELETE', `/thinker/strategies/${h.id}`, { token: b.token })).status).toBe(404);
    expect((await svc.call('GET', '/thinker/strategies', { token: b.token })).body.count).toBe(0);

    const viewer = await userWithRole(svc, s.accountId, 'viewer');
    expect((await svc.call('POST', '/thinker/strategies', { token: viewer.token, body: strategy() })).status).toBe(403);
  });
});

describe('prompt text for profiles and strategies', () => {
  it('includes the filled fields and leaves the empty ones out', () => {
    const text = describeAuthorProfile({ ...profile({ name: 'Sam', audience: '' }), reading_level: '' } as never);
    expect(text).toContain('Voice and tone: warm, practical, encouraging');
    expect(text).toContain('Always:\n- Give exact quantities\n- Mention the season');
    expect(text).not.toMatch(/Audience|Reading level/);
    expect(describeAuthorProfile(null)).toMatch(/No specific author profile/);
    const s = describeStrategy({ name: 'S', description: '', content_types: ['guide'], target_word_count: null, tone: '', instructions: 'End with a checklist.' });
    expect(s).toBe('Strategy: S\nPreferred content types: guide\nInstructions: End with a checklist.');
  });
});
