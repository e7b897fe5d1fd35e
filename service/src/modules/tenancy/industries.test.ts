import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signup, type Session } from '../../../test/factories';
import { createTestService, type TestService } from '../../../test/service';

type Industry = { id: string; slug: string; name: string; sectors: { id: string; slug: string; name: string; description: string }[] };

let svc: TestService;
let owner: Session;
beforeAll(async () => {
  svc = await createTestService();
  owner = await signup(svc, 'Industries');
});
afterAll(() => svc.close());

async function industries(): Promise<Industry[]> {
  const res = await svc.call('GET', '/industries', { token: owner.token });
  expect(res.status).toBe(200);
  return res.body.data;
}

/** A new account (the default plan allows one site) with one site. */
async function accountWithSite(name: string, industryId?: string): Promise<{ session: Session; siteId: string }> {
  const session = await signup(svc, name);
  const body = { name, ...(industryId ? { industry_id: industryId } : {}) };
  const res = await svc.call('POST', '/sites', { token: session.token, body });
  expect(res.status).toBe(201);
  return { session, siteId: res.body.data.id };
}

describe('GET /industries', () => {
  it('lists the seeded industries by name, each with its sector templates', async () => {
    const list = await industries();
    expect(list.length).toBeGreaterThanOrEqual(12);
    const names = list.map((i) => i.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(names).toEqual(expect.arrayContaining(['Health & Wellness', 'Technology & SaaS', 'Legal', 'Marketing & Advertising']));
    for (const industry of list) {
      expect(industry.sectors.length, industry.slug).toBeGreaterThanOrEqual(4);
      expect(industry.sectors.length, industry.slug).toBeLessThanOrEqual(8);
      for (const s of industry.sectors) expect(s.description, `${industry.slug}/${s.slug}`).not.toBe('');
    }
    const marketing = list.find((i) => i.slug === 'marketing-advertising')!;
    expect(marketing.sectors).toContainEqual(expect.objectContaining({ slug: 'seo', name: 'Search Engine Optimization' }));
  });

  it('needs a signed-in user', async () => {
    const res = await svc.call('GET', '/industries');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ success: false, code: expect.any(String) });
  });
});

describe('sectors from industry templates', () => {
  it('creates a sector that references a seeded template and keeps the reference', async () => {
    const finance = (await industries()).find((i) => i.slug === 'finance')!;
    const template = finance.sectors.find((s) => s.slug === 'investing')!;
    const { session, siteId } = await accountWithSite('Money Blog', finance.id);

    const res = await svc.call('POST', `/sites/${siteId}/sectors`, {
      token: session.token,
      body: { name: template.name, industry_sector_id: template.id },
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ site_id: siteId, name: 'Investing', industry_sector_id: template.id });

    const listed = await svc.call('GET', `/sites/${siteId}/sectors`, { token: session.token });
    expect(listed.body.results).toEqual([expect.objectContaining({ industry_sector_id: template.id })]);
  });

  it('answers 400 for an industry sector id that does not exist, and creates nothing', async () => {
    const { session, siteId } = await accountWithSite('Unknown Template');
    const res = await svc.call('POST', `/sites/${siteId}/sectors`, {
      token: session.token,
      body: { name: 'Mystery', industry_sector_id: randomUUID() },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ success: false, code: 'invalid_input', errors: { industry_sector_id: expect.any(Array) } });
    const [row] = await svc.deps.db.owner`select count(*)::int as n from sectors where site_id = ${siteId}`;
    expect(row!.n).toBe(0);
  });

  it('answers 400 for a site whose industry does not exist', async () => {
    const res = await svc.call('POST', '/sites', { token: owner.token, body: { name: 'Nowhere', industry_id: randomUUID() } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty('industry_id');
  });
});
