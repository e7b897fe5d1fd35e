import { hc } from 'hono/client';
import type { Site } from '@igny8/shared';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { siteRoutes } from '../src/modules/tenancy/sites/routes';
import { signup, type Session } from './factories';
import { createTestService, type TestService } from './service';

// Hono's typed client over a sub-app, answered by the real app: the handlers' answers are typed
// from the contract's schemas, so a client generator's view and the code agree. The type
// assertions below fail the type check (npm test runs it) if a handler's answer loses its type.

let svc: TestService;
let owner: Session;
let client: ReturnType<typeof hc<typeof siteRoutes>>;

beforeAll(async () => {
  svc = await createTestService();
  owner = await signup(svc, 'Typed client');
  client = hc<typeof siteRoutes>('http://igny8.test/api/v1/sites', {
    headers: { authorization: `Bearer ${owner.token}` },
    fetch: (input: RequestInfo | URL, init?: RequestInit) => svc.app.request(input instanceof Request ? input : String(input), init),
  });
});
afterAll(() => svc.close());

describe("Hono's typed client", () => {
  it('creates and reads a site with answers typed as the contract says', async () => {
    const created = await client.index.$post({ json: { name: 'Typed blog' } });
    expect(created.status).toBe(201);
    const { data } = await created.json();
    // Checked by the type check: an untyped (`never` or `any`) answer would fail these.
    expectTypeOf(data).not.toBeNever();
    expectTypeOf(data).not.toBeAny();
    expectTypeOf(data).toEqualTypeOf<Site>();
    const site = data;
    expect(site).toMatchObject({ name: 'Typed blog', account_id: owner.accountId, status: 'active', require_approval: false });

    const read = await client[':id'].$get({ param: { id: site.id } });
    expect(read.status).toBe(200);
    const body = await read.json();
    expectTypeOf(body.data.status).toEqualTypeOf<Site['status']>();
    const name = body.data.name;
    expect(name).toBe('Typed blog');
    expect(Date.parse(body.data.created_at)).not.toBeNaN();
  });

  it('lists with the typed list envelope', async () => {
    const res = await client.index.$get({ query: { page: '1', page_size: '10' } });
    const page = await res.json();
    expectTypeOf(page.results).toEqualTypeOf<Site[]>();
    expectTypeOf(page.count).toEqualTypeOf<number>();
    const names = page.results.map((s) => s.name);
    expect(page.count).toBe(1);
    expect(names).toEqual(['Typed blog']);
  });
});
