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
    createRoute({ operationId: 'getAccount', summary: 'The caller’s account, with its plan and credits', method: 'get', path: '/account', tags: ['account'], security, middleware: auth, responses: dataResponse(accountSchema) }),
    async (c) => {
      const account = await inScope(c, (tx) => q.getAccount(tx, c.get('principal').accountId));
      if (!account) throw notFound('Account');
      return ok(c, account);
    },
  )
  .openapi(
    createRoute({
      operationId: 'updateAccount', summary: 'Rename the account (owners and admins)',
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
      operationId: 'listUsers', summary: 'The account’s users (owners and admins)',
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
      operationId: 'createUser', summary: 'Add a user with a role (owners and admins)',
      method: 'post', path: '/users', tags: ['users'], security, middleware: auth,
      request: { body: jsonBody(userCreateSchema) }, responses: dataResponse(userSchema, 201, { also: [409] }),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.createUser(c.get('deps'), tx, c.get('principal'), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      operationId: 'updateUser', summary: 'Change a user’s name, role, password or active state',
      method: 'patch', path: '/users/{id}', tags: ['users'], security, middleware: auth,
      request: { params: idParams, body: jsonBody(userPatchSchema) }, responses: dataResponse(userSchema, 200, { also: [409] }),
    }),
    async (c) =>
      ok(c, await inScope(c, (tx) => service.updateUser(c.get('deps'), tx, c.get('principal'), c.req.valid('param').id, c.req.valid('json')))),
  )
  .openapi(
    createRoute({
      operationId: 'deleteUser', summary: 'Remove a user',
      method: 'delete', path: '/users/{id}', tags: ['users'], security, middleware: auth,
      request: { params: idParams }, responses: dataResponse(z.null(), 200, { also: [409] }),
    }),
    async (c) => {
      await inScope(c, (tx) => service.deleteUser(tx, c.get('principal'), c.req.valid('param').id));
      return ok(c, null, 200, 'User deleted.');
    },
  )
  // ---- sites
  .openapi(
    createRoute({
      operationId: 'listSites', summary: 'The sites the caller sees',
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
      operationId: 'createSite', summary: 'Add a site (owners and admins)',
      method: 'post', path: '/sites', tags: ['sites'], security, middleware: auth,
      request: { body: jsonBody(siteCreateSchema) }, responses: dataResponse(siteSchema, 201, { also: [409] }),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.createSite(c.get('deps'), tx, c.get('principal'), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      operationId: 'getSite', summary: 'A site; its WordPress application password is never returned',
      method: 'get', path: '/sites/{id}', tags: ['sites'], security, middleware: auth,
      request: { params: idParams }, responses: dataResponse(siteSchema),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.visibleSite(tx, c.req.valid('param').id))),
  )
  .openapi(
    createRoute({
      operationId: 'updateSite', summary: 'Change a site',
      method: 'patch', path: '/sites/{id}', tags: ['sites'], security, middleware: auth,
      request: { params: idParams, body: jsonBody(sitePatchSchema) }, responses: dataResponse(siteSchema, 200, { also: [409] }),
    }),
    async (c) =>
      ok(c, await inScope(c, (tx) => service.updateSite(c.get('deps'), tx, c.get('principal'), c.req.valid('param').id, c.req.valid('json')))),
  )
  .openapi(
    createRoute({
      operationId: 'deleteSite', summary: 'Delete a site with everything in it',
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
      operationId: 'listSectors', summary: 'The sectors of a site',
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
      operationId: 'createSector', summary: 'Add a sector to a site (at most five active)',
      method: 'post', path: '/sites/{id}/sectors', tags: ['sectors'], security, middleware: auth,
      request: { params: idParams, body: jsonBody(sectorCreateSchema) }, responses: dataResponse(sectorSchema, 201, { also: [409] }),
    }),
    async (c) =>
      ok(c, await inScope(c, (tx) => service.createSector(tx, c.get('principal'), c.req.valid('param').id, c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      operationId: 'getSector', summary: 'A sector',
      method: 'get', path: '/sectors/{id}', tags: ['sectors'], security, middleware: auth,
      request: { params: idParams }, responses: dataResponse(sectorSchema),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.visibleSector(tx, c.req.valid('param').id))),
  )
  .openapi(
    createRoute({
      operationId: 'updateSector', summary: 'Change a sector',
      method: 'patch', path: '/sectors/{id}', tags: ['sectors'], security, middleware: auth,
      request: { params: idParams, body: jsonBody(sectorPatchSchema) }, responses: dataResponse(sectorSchema, 200, { also: [409] }),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.updateSector(tx, c.get('principal'), c.req.valid('param').id, c.req.valid('json')))),
  )
  .openapi(
    createRoute({
      operationId: 'deleteSector', summary: 'Delete a sector with its keywords',
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
      operationId: 'listSiteAccess', summary: 'Editors and viewers granted the site (owners and admins)',
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
      operationId: 'grantSiteAccess', summary: 'Grant an editor or viewer access to the site',
      method: 'post', path: '/sites/{id}/access', tags: ['site access'], security, middleware: auth,
      request: { params: idParams, body: jsonBody(siteAccessCreateSchema) }, responses: dataResponse(siteAccessSchema, 201),
    }),
    async (c) =>
      ok(c, await inScope(c, (tx) => service.grantAccess(tx, c.get('principal'), c.req.valid('param').id, c.req.valid('json').user_id)), 201),
  )
  .openapi(
    createRoute({
      operationId: 'revokeSiteAccess', summary: 'Revoke a user’s access to the site, the user named in the body',
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
      operationId: 'revokeSiteAccessOfUser', summary: 'Revoke a user’s access to the site',
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
    createRoute({ operationId: 'listIndustries', summary: 'Industry templates with their sectors', method: 'get', path: '/industries', tags: ['industries'], security, middleware: auth, responses: dataResponse(z.array(industrySchema)) }),
    async (c) => ok(c, await inScope(c, (tx) => q.listIndustries(tx))),
  );
