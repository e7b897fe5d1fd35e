import { createRoute, z } from '@hono/zod-openapi';
import { sectorPatchSchema, sectorSchema, MAX_ACTIVE_SECTORS } from '@igny8/shared';
import { ok } from '../../../http/envelope';
import { requireAuth } from '../../../http/middleware';
import { dataResponse, idParams, jsonBody, router } from '../../../http/openapi-app';
import { inScope } from '../../../http/scope';
import * as service from '../service';

// Mounted at /sectors. A site's sectors are listed and created under /sites/{id}/sectors.

const auth = [requireAuth];
const security = [{ bearer: [] }];

export const sectorRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/{id}', tags: ['sectors'], security, middleware: auth,
      operationId: 'getSector', summary: 'A sector', request: { params: idParams }, responses: dataResponse(sectorSchema),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.getSector(tx, c.get('caller'), c.req.valid('param').id))),
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/{id}', tags: ['sectors'], security, middleware: auth,
      operationId: 'updateSector', summary: `Rename, re-describe or (de)activate a sector (at most ${MAX_ACTIVE_SECTORS} active per site)`,
      request: { params: idParams, body: jsonBody(sectorPatchSchema) }, responses: dataResponse(sectorSchema, 200, { also: [409] }),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.updateSector(tx, c.get('caller'), c.req.valid('param').id, c.req.valid('json')))),
  )
  .openapi(
    createRoute({
      method: 'delete', path: '/{id}', tags: ['sectors'], security, middleware: auth,
      operationId: 'deleteSector', summary: 'Delete a sector with its keywords, clusters and ideas',
      request: { params: idParams }, responses: dataResponse(z.null()),
    }),
    async (c) => {
      await inScope(c, (tx) => service.deleteSector(tx, c.get('caller'), c.req.valid('param').id));
      return ok(c, null, 200, 'Sector deleted.');
    },
  );
