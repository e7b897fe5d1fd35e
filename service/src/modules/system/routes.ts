import { createRoute, z } from '@hono/zod-openapi';
import {
  integrationTestResultSchema, openaiIntegrationPutSchema, openaiIntegrationSchema, runwareIntegrationPutSchema,
  runwareIntegrationSchema, type IntegrationType,
} from '@igny8/shared';
import { ok } from '../../http/envelope';
import { requireAuth } from '../../http/middleware';
import { inScope } from '../../http/scope';
import { dataResponse, jsonBody, router } from '../../http/openapi-app';
import * as service from './service';
import { testIntegration } from './test-connection';

const auth = [requireAuth];
const security = [{ bearer: [] }];
const tags = ['system'];


// One set of routes per integration type, so that each has its own documented body schema.
const TYPES = {
  openai: { put: openaiIntegrationPutSchema, read: openaiIntegrationSchema, name: 'OpenAI (or any OpenAI-compatible server)', id: 'OpenAI' },
  runware: { put: runwareIntegrationPutSchema, read: runwareIntegrationSchema, name: 'Runware', id: 'Runware' },
} satisfies Record<IntegrationType, unknown>;

// Mounted at /system/integrations.

export const integrationRoutes = router();

for (const [type, t] of Object.entries(TYPES) as [IntegrationType, (typeof TYPES)[IntegrationType]][]) {
  integrationRoutes
    .openapi(
      createRoute({
        operationId: `get${t.id}Integration`,
        method: 'get', path: `/${type}`, tags, security, middleware: auth,
        summary: `${t.name} settings, the key masked`, responses: dataResponse(t.read),
      }),
      async (c) => ok(c, await inScope(c, (tx) => service.getIntegration(tx, c.get('deps'), c.get('caller').accountId, type))),
    )
    .openapi(
      createRoute({
        operationId: `update${t.id}Integration`,
        method: 'put', path: `/${type}`, tags, security, middleware: auth,
        summary: `Change ${t.name} settings; omitted fields are kept, null clears`,
        request: { body: jsonBody(t.put as z.ZodType) }, responses: dataResponse(t.read),
      }),
      async (c) => {
        const input = c.req.valid('json') as Record<string, never>;
        // The URL is checked (a DNS lookup) before the transaction: no connection waits on it.
        await service.checkIntegrationUrl(c.get('deps'), c.get('caller'), input);
        return ok(c, await inScope(c, (tx) => service.putIntegration(tx, c.get('deps'), c.get('caller'), type, input)));
      },
    )
    .openapi(
      createRoute({
        operationId: `test${t.id}Integration`,
        method: 'post', path: `/${type}/test`, tags, security, middleware: auth,
        summary: `Make one small real call to ${t.name} with the saved settings`,
        responses: dataResponse(integrationTestResultSchema, 200, { also: [400] }),
      }),
      async (c) => {
        // The provider is called outside the transaction: no connection waits on a remote server.
        const settings = await inScope(c, (tx) => service.settingsToTest(tx, c.get('deps'), c.get('caller'), type));
        return ok(c, await testIntegration(c.get('deps'), settings));
      },
    );
}
