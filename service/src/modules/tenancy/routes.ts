import { createRoute, z } from '@hono/zod-openapi';
import {
  accountPatchSchema, accountSchema, sectorCreateSchema, sectorPatchSchema, sectorSchema, siteAccessCreateSchema,
  siteAccessSchema, siteCreateSchema, sitePatchSchema, siteSchema, userCreateSchema, userPatchSchema, userSchema,
} from '@igny8/shared';
import { list, ok, pageBounds, pageQuery } from '../../http/envelope';
import { notFound } from '../../http/errors';
import { requireAuth } from '../../http/middleware';
import { inScope } from '../../http/scope';
import { dataResponse, idParams, jsonBody, listResponse, router } from '../../http/openapi-app';
import * as q from './queries';
import * as service from './service';

const auth = [requireAuth];
const security = [{ bearer: [] }];
const accessParams = z.object({ id: z.uuid(), user_id: z.uuid() });


const industrySchema = z.object({
  id: z.uuid(), slug: z.string(), name: z.string(), description: z.string(),
  sectors: z.array(z.object({ id: z.uuid(), slug: z.string(), name: z.string(), description: z.string() })),
});

export const tenancyRoutes = router()
  // ---- account
  .openapi(
    createRoute({ method: 'get', path: '/account', tags: ['account'], security, middleware: auth, responses: dataResponse(accountSchema) }),
    async (c) => {
      const account = await inScope(c, (tx) => q.getAccount(tx, c.get('principal').accountId));
      if (!account) throw notFound('Account');
      return ok(c, account);
    },
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/account', tags: ['account'], security, middleware: auth,
      request: { body: jsonBody(accountPatchSchema) }, responses: dataResponse(accountSchema),
    }),
    async (c) => {
      const p = c.get('principal');
      service.requirePermission(p, 'manage_users');
      return ok(c, await inScope(c, (tx) => q.updateAccount(tx, p.accountId, c.req.valid('json'))));
    },
  )
  // ---- users
  .openapi(
    createRoute({
      method: 'get', path: '/users', tags: ['users'], security, middleware: auth,
      request: { query: pageQuery }, responses: listResponse(userSchema),
    }),
    async (c) => {
      service.requirePermission(c.get('principal'), 'manage_users');
      const page = c.req.valid('query');
      const { results, count } = await inScope(c, (tx) => q.listUsers(tx, pageBounds(page)));
      return list(c, results, count, page);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/users', tags: ['users'], security, middleware: auth,
      request: { body: jsonBody(userCreateSchema) }, responses: dataResponse(userSchema, 201),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.createUser(c.get('deps'), tx, c.get('principal'), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/users/{id}', tags: ['users'], security, middleware: auth,
      request: { params: idParams, body: jsonBody(userPatchSchema) }, responses: dataResponse(userSchema),
    }),
    async (c) =>
      ok(c, await inScope(c, (tx) => service.updateUser(c.get('deps'), tx, c.get('principal'), c.req.valid('param').id, c.req.valid('json')))),
  )
  .openapi(
    createRoute({
      method: 'delete', path: '/users/{id}', tags: ['users'], security, middleware: auth,
      request: { params: idParams }, responses: dataResponse(z.null()),
    }),
    async (c) => {
      await inScope(c, (tx) => service.deleteUser(tx, c.get('principal'), c.req.valid('param').id));
      return ok(c, null, 200, 'User deleted.');
    },
  )
  // ---- sites
  .openapi(
    createRoute({
      method: 'get', path: '/sites', tags: ['sites'], security, middleware: auth,
      request: { query: pageQuery }, responses: listResponse(siteSchema),
    }),
    async (c) => {
      const page = c.req.valid('query');
      const { results, count } = await inScope(c, (tx) => q.listSites(tx, pageBounds(page)));
      return list(c, results, count, page);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/sites', tags: ['sites'], security, middleware: auth,
      request: { body: jsonBody(siteCreateSchema) }, responses: dataResponse(siteSchema, 201),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.createSite(c.get('deps'), tx, c.get('principal'), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/sites/{id}', tags: ['sites'], security, middleware: auth,
      request: { params: idParams }, responses: dataResponse(siteSchema),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.visibleSite(tx, c.req.valid('param').id))),
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/sites/{id}', tags: ['sites'], security, middleware: auth,
      request: { params: idParams, body: jsonBody(sitePatchSchema) }, responses: dataResponse(siteSchema),
    }),
    async (c) =>
      ok(c, await inScope(c, (tx) => service.updateSite(c.get('deps'), tx, c.get('principal'), c.req.valid('param').id, c.req.valid('json')))),
  )
  .openapi(
    createRoute({
      method: 'delete', path: '/sites/{id}', tags: ['sites'], security, middleware: auth,
      request: { params: idParams }, responses: dataResponse(z.null()),
    }),
    async (c) => {
      await inScope(c, (tx) => service.deleteSite(tx, c.get('principal'), c.req.valid('param').id));
      return ok(c, null, 200, 'Site deleted.');
    },
  )
  // ---- sectors
  .openapi(
    createRoute({
      method: 'get', path: '/sites/{id}/sectors', tags: ['sectors'], security, middleware: auth,
      request: { params: idParams, query: pageQuery }, responses: listResponse(sectorSchema),
    }),
    async (c) => {
      const page = c.req.valid('query');
      const { results, count } = await inScope(c, async (tx) => {
        await service.visibleSite(tx, c.req.valid('param').id);
        return q.listSectors(tx, c.req.valid('param').id, pageBounds(page));
      });
      return list(c, results, count, page);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/sites/{id}/sectors', tags: ['sectors'], security, middleware: auth,
      request: { params: idParams, body: jsonBody(sectorCreateSchema) }, responses: dataResponse(sectorSchema, 201),
    }),
    async (c) =>
      ok(c, await inScope(c, (tx) => service.createSector(tx, c.get('principal'), c.req.valid('param').id, c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/sectors/{id}', tags: ['sectors'], security, middleware: auth,
      request: { params: idParams }, responses: dataResponse(sectorSchema),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.visibleSector(tx, c.req.valid('param').id))),
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/sectors/{id}', tags: ['sectors'], security, middleware: auth,
      request: { params: idParams, body: jsonBody(sectorPatchSchema) }, responses: dataResponse(sectorSchema),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.updateSector(tx, c.get('principal'), c.req.valid('param').id, c.req.valid('json')))),
  )
  .openapi(
    createRoute({
      method: 'delete', path: '/sectors/{id}', tags: ['sectors'], security, middleware: auth,
      request: { params: idParams }, responses: dataResponse(z.null()),
    }),
    async (c) => {
      await inScope(c, (tx) => service.deleteSector(tx, c.get('principal'), c.req.valid('param').id));
      return ok(c, null, 200, 'Sector deleted.');
    },
  )
  // ---- site access
  .openapi(
    createRoute({
      method: 'get', path: '/sites/{id}/access', tags: ['site access'], security, middleware: auth,
      request: { params: idParams, query: pageQuery }, responses: listResponse(siteAccessSchema),
    }),
    async (c) => {
      const page = c.req.valid('query');
      const { results, count } = await inScope(c, async (tx) => {
        // Visibility first: another account's site is a 404 whatever the caller's role.
        await service.visibleSite(tx, c.req.valid('param').id);
        service.requirePermission(c.get('principal'), 'manage_users');
        return q.listSiteAccess(tx, c.req.valid('param').id, pageBounds(page));
      });
      return list(c, results, count, page);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/sites/{id}/access', tags: ['site access'], security, middleware: auth,
      request: { params: idParams, body: jsonBody(siteAccessCreateSchema) }, responses: dataResponse(siteAccessSchema, 201),
    }),
    async (c) =>
      ok(c, await inScope(c, (tx) => service.grantAccess(tx, c.get('principal'), c.req.valid('param').id, c.req.valid('json').user_id)), 201),
  )
  .openapi(
    createRoute({
      method: 'delete', path: '/sites/{id}/access', tags: ['site access'], security, middleware: auth,
      request: { params: idParams, body: jsonBody(siteAccessCreateSchema) }, responses: dataResponse(z.null()),
    }),
    async (c) => {
      await inScope(c, (tx) => service.revokeAccess(tx, c.get('principal'), c.req.valid('param').id, c.req.valid('json').user_id));
      return ok(c, null, 200, 'Access revoked.');
    },
  )
  .openapi(
    createRoute({
      method: 'delete', path: '/sites/{id}/access/{user_id}', tags: ['site access'], security, middleware: auth,
      request: { params: accessParams }, responses: dataResponse(z.null()),
    }),
    async (c) => {
      const { id, user_id } = c.req.valid('param');
      await inScope(c, (tx) => service.revokeAccess(tx, c.get('principal'), id, user_id));
      return ok(c, null, 200, 'Access revoked.');
    },
  )
  // ---- reference data
  .openapi(
    createRoute({ method: 'get', path: '/industries', tags: ['industries'], security, middleware: auth, responses: dataResponse(z.array(industrySchema)) }),
    async (c) => ok(c, await inScope(c, (tx) => q.listIndustries(tx))),
  );
