import { createRoute, z } from '@hono/zod-openapi';
import { PROMPT_FUNCTIONS, promptTemplatePutSchema, promptTemplateSchema } from '@igny8/shared';
import { list, ok, pageBounds, pageQuery } from '../../../http/envelope';
import { requireAuth } from '../../../http/middleware';
import { inScope } from '../../../http/scope';
import { dataResponse, jsonBody, listResponse, router } from '../../../http/openapi-app';
import * as service from '../service';

const auth = [requireAuth];
const security = [{ bearer: [] }];
const tags = ['thinker'];
// A plain string, not an enum: an unknown function is a missing resource (404), not bad input.
const functionParams = z.object({
  function: z.string().max(64).openapi({ param: { name: 'function', in: 'path' }, description: `One of ${PROMPT_FUNCTIONS.join(', ')}` }),
});

// Mounted at /thinker/prompts.

export const promptRoutes = router()
  .openapi(
    createRoute({
      operationId: 'listPrompts',
      method: 'get', path: '/', tags, security, middleware: auth, summary: 'Every AI function with its effective prompt template',
      request: { query: pageQuery }, responses: listResponse(promptTemplateSchema),
    }),
    async (c) => {
      const page = c.req.valid('query');
      const all = await inScope(c, (tx) => service.listPrompts(tx, c.get('caller').accountId));
      const { limit, offset } = pageBounds(page);
      return list(c, all.slice(offset, offset + limit), all.length, page);
    },
  )
  .openapi(
    createRoute({
      operationId: 'getPrompt', summary: 'The effective prompt template of an AI function, with its variables',
      method: 'get', path: '/{function}', tags, security, middleware: auth,
      request: { params: functionParams }, responses: dataResponse(promptTemplateSchema),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.getPrompt(tx, c.get('caller').accountId, c.req.valid('param').function))),
  )
  .openapi(
    createRoute({
      operationId: 'updatePrompt',
      method: 'put', path: '/{function}', tags, security, middleware: auth, summary: "Override the function's prompt template",
      request: { params: functionParams, body: jsonBody(promptTemplatePutSchema) }, responses: dataResponse(promptTemplateSchema),
    }),
    async (c) =>
      ok(c, await inScope(c, (tx) => service.putPrompt(tx, c.get('caller'), c.req.valid('param').function, c.req.valid('json').template))),
  )
  .openapi(
    createRoute({
      operationId: 'resetPrompt',
      method: 'delete', path: '/{function}', tags, security, middleware: auth, summary: 'Return to the built-in template',
      request: { params: functionParams }, responses: dataResponse(promptTemplateSchema),
    }),
    async (c) =>
      ok(c, await inScope(c, (tx) => service.resetPrompt(tx, c.get('caller'), c.req.valid('param').function)), 200, 'Prompt reset to the default.'),
  )
  // ---- author profiles;
