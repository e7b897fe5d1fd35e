import { createRoute, z } from '@hono/zod-openapi';
import {
  connectCodeSchema, connectedSiteSchema, MAX_ACTIVE_SECTORS, sectorCreateSchema, sectorSchema, siteAccessCreateSchema, siteAccessSchema, siteConnectSchema,
  siteCreateSchema, sitePatchSchema, siteSchema,
} from '@igny8/shared';
import { list, ok, pageBounds, pageQuery } from '../../../http/envelope';
import { requireAuth } from '../../../http/middleware';
import { dataResponse, idParams, jsonBody, listResponse, router } from '../../../http/openapi-app';
import { inScope } from '../../../http/scope';
import * as connect from '../connect/service';
import * as service from '../service';

// Mounted at /sites: sites, their sectors and who may see them.

const auth = [requireAuth];
const security = [{ bearer: [] }];

export const siteRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/', tags: ['sites'], security, middleware: auth,
      operationId: 'listSites', summary: 'The sites the caller sees', request: { query: pageQuery }, responses: listResponse(siteSchema),
    }),
    async (c) => {
      const page = c.req.valid('query');
      const { results, count } = await inScope(c, (tx) => service.listSites(tx, c.get('caller'), pageBounds(page)));
      return list(c, results, count, page);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/', tags: ['sites'], security, middleware: auth,
      operationId: 'createSite', summary: 'Add a site (WordPress credentials are write-only)',
      request: { body: jsonBody(siteCreateSchema) }, responses: dataResponse(siteSchema, 201, { also: [409] }),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.createSite(c.get('deps'), tx, c.get('caller'), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}', tags: ['sites'], security, middleware: auth,
      operationId: 'getSite', summary: 'A site', request: { params: idParams }, responses: dataResponse(siteSchema),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.getSite(tx, c.get('caller'), c.req.valid('param').id))),
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/{id}', tags: ['sites'], security, middleware: auth,
      operationId: 'updateSite', summary: 'Change a site’s name, status, industry or WordPress credentials',
      request: { params: idParams, body: jsonBody(sitePatchSchema) }, responses: dataResponse(siteSchema, 200, { also: [409] }),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.updateSite(c.get('deps'), tx, c.get('caller'), c.req.valid('param').id, c.req.valid('json')))),
  )
  .openapi(
    createRoute({
      method: 'delete', path: '/{id}', tags: ['sites'], security, middleware: auth,
      operationId: 'deleteSite', summary: 'Delete a site with its sectors and planner data',
      request: { params: idParams }, responses: dataResponse(z.null()),
    }),
    async (c) => {
      await inScope(c, (tx) => service.deleteSite(tx, c.get('caller'), c.req.valid('param').id));
      return ok(c, null, 200, 'Site deleted.');
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}/sectors', tags: ['sectors'], security, middleware: auth,
      operationId: 'listSectors', summary: 'A site’s sectors',
      request: { params: idParams, query: pageQuery }, responses: listResponse(sectorSchema),
    }),
    async (c) => {
      const page = c.req.valid('query');
      const { results, count } = await inScope(c, (tx) => service.listSectors(tx, c.get('caller'), c.req.valid('param').id, pageBounds(page)));
      return list(c, results, count, page);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/sectors', tags: ['sectors'], security, middleware: auth,
      operationId: 'createSector', summary: `Add a sector to a site (at most ${MAX_ACTIVE_SECTORS} active)`,
      request: { params: idParams, body: jsonBody(sectorCreateSchema) }, responses: dataResponse(sectorSchema, 201, { also: [409] }),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.createSector(tx, c.get('caller'), c.req.valid('param').id, c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}/access', tags: ['site access'], security, middleware: auth,
      operationId: 'listSiteAccess', summary: 'Editors and viewers granted a site',
      request: { params: idParams, query: pageQuery }, responses: listResponse(siteAccessSchema),
    }),
    async (c) => {
      const page = c.req.valid('query');
      const { results, count } = await inScope(c, (tx) => service.listSiteAccess(tx, c.get('caller'), c.req.valid('param').id, pageBounds(page)));
      return list(c, results, count, page);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/access', tags: ['site access'], security, middleware: auth,
      operationId: 'grantSiteAccess', summary: 'Grant an editor or viewer a site',
      request: { params: idParams, body: jsonBody(siteAccessCreateSchema) }, responses: dataResponse(siteAccessSchema, 201),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.grantAccess(tx, c.get('caller'), c.req.valid('param').id, c.req.valid('json').user_id)), 201),
  )
  .openapi(
    createRoute({
      method: 'delete', path: '/{id}/access', tags: ['site access'], security, middleware: auth,
      operationId: 'revokeSiteAccess', summary: 'Take a site away from an editor or viewer',
      request: { params: idParams, body: jsonBody(siteAccessCreateSchema) }, responses: dataResponse(z.null()),
    }),
    async (c) => {
      await inScope(c, (tx) => service.revokeAccess(tx, c.get('caller'), c.req.valid('param').id, c.req.valid('json').user_id));
      return ok(c, null, 200, 'Access revoked.');
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/connect-codes', tags: ['sites'], security, middleware: auth,
      operationId: 'createConnectCode', summary: 'A one-time code (15 minutes) for the WordPress plugin to connect the site with',
      request: { params: idParams }, responses: dataResponse(connectCodeSchema, 201),
    }),
    async (c) => ok(c, await inScope(c, (tx) => connect.createConnectCode(tx, c.get('caller'), c.req.valid('param').id)), 201),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/connect', tags: ['sites'], security, middleware: auth,
      operationId: 'connectSite', summary: 'Register the plugin’s Ed25519 public key (and an application password) without a code',
      request: { params: idParams, body: jsonBody(siteConnectSchema) }, responses: dataResponse(connectedSiteSchema),
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      await inScope(c, (tx) => connect.mayConnect(tx, c.get('caller'), id));
      await connect.checkWpUrl(c.get('deps'), input.wp_url);
      return ok(c, await inScope(c, (tx) => connect.connectSite(c.get('deps'), tx, c.get('caller'), id, input)));
    },
  )
  .openapi(
    createRoute({
      method: 'delete', path: '/{id}/connect', tags: ['sites'], security, middleware: auth,
      operationId: 'disconnectSite', summary: 'Revoke the plugin’s key and clear the application password',
      request: { params: idParams }, responses: dataResponse(z.null()),
    }),
    async (c) => {
      await inScope(c, (tx) => connect.disconnectSite(tx, c.get('caller'), c.req.valid('param').id));
      return ok(c, null, 200, 'Site disconnected.');
    },
  );
