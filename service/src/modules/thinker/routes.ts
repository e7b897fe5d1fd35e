import { createRoute, z } from '@hono/zod-openapi';
import {
  authorProfileCreateSchema, authorProfilePatchSchema, authorProfileSchema, PROMPT_FUNCTIONS, promptTemplatePutSchema,
  promptTemplateSchema, strategyCreateSchema, strategyPatchSchema, strategySchema,
} from '@igny8/shared';
import { list, ok, pageBounds, pageQuery } from '../../http/envelope';
import { requireAuth } from '../../http/middleware';
import { inScope } from '../../http/scope';
import { dataResponse, idParams, jsonBody, listResponse, router } from '../../http/openapi-app';
import * as service from './service';

const auth = [requireAuth];
const security = [{ bearer: [] }];
const tags = ['thinker'];


// A plain string, not an enum: an unknown function is a missing resource (404), not bad input.
const functionParams = z.object({
  function: z.string().max(64).openapi({ param: { name: 'function', in: 'path' }, description: `One of ${PROMPT_FUNCTIONS.join(', ')}` }),
});
const strategyQuery = pageQuery.extend({ site_id: z.uuid().optional().openapi({ description: 'Only strategies for this site or account-wide ones' }) });

export const thinkerRoutes = router()
  // ---- prompt templates
  .openapi(
    createRoute({
      operationId: 'listPrompts',
      method: 'get', path: '/thinker/prompts', tags, security, middleware: auth, summary: 'Every AI function with its effective prompt template',
      request: { query: pageQuery }, responses: listResponse(promptTemplateSchema),
    }),
    async (c) => {
      const page = c.req.valid('query');
      const all = await inScope(c, (tx) => service.listPrompts(tx, c.get('principal').accountId));
      const { limit, offset } = pageBounds(page);
      return list(c, all.slice(offset, offset + limit), all.length, page);
    },
  )
  .openapi(
    createRoute({
      operationId: 'getPrompt', summary: 'The effective prompt template of an AI function, with its variables',
      method: 'get', path: '/thinker/prompts/{function}', tags, security, middleware: auth,
      request: { params: functionParams }, responses: dataResponse(promptTemplateSchema),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.getPrompt(tx, c.get('principal').accountId, c.req.valid('param').function))),
  )
  .openapi(
    createRoute({
      operationId: 'updatePrompt',
      method: 'put', path: '/thinker/prompts/{function}', tags, security, middleware: auth, summary: "Override the function's prompt template",
      request: { params: functionParams, body: jsonBody(promptTemplatePutSchema) }, responses: dataResponse(promptTemplateSchema),
    }),
    async (c) =>
      ok(c, await inScope(c, (tx) => service.putPrompt(tx, c.get('principal'), c.req.valid('param').function, c.req.valid('json').template))),
  )
  .openapi(
    createRoute({
      operationId: 'resetPrompt',
      method: 'delete', path: '/thinker/prompts/{function}', tags, security, middleware: auth, summary: 'Return to the built-in template',
      request: { params: functionParams }, responses: dataResponse(promptTemplateSchema),
    }),
    async (c) =>
      ok(c, await inScope(c, (tx) => service.resetPrompt(tx, c.get('principal'), c.req.valid('param').function)), 200, 'Prompt reset to the default.'),
  )
  // ---- author profiles
  .openapi(
    createRoute({
      operationId: 'listAuthorProfiles', summary: 'The account’s author profiles',
      method: 'get', path: '/thinker/author-profiles', tags, security, middleware: auth,
      request: { query: pageQuery }, responses: listResponse(authorProfileSchema),
    }),
    async (c) => {
      const page = c.req.valid('query');
      const { results, count } = await inScope(c, (tx) => service.listAuthorProfiles(tx, c.get('principal'), pageBounds(page)));
      return list(c, results, count, page);
    },
  )
  .openapi(
    createRoute({
      operationId: 'createAuthorProfile', summary: 'Add an author profile',
      method: 'post', path: '/thinker/author-profiles', tags, security, middleware: auth,
      request: { body: jsonBody(authorProfileCreateSchema) }, responses: dataResponse(authorProfileSchema, 201, { also: [409] }),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.createAuthorProfile(tx, c.get('principal'), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      operationId: 'getAuthorProfile', summary: 'An author profile',
      method: 'get', path: '/thinker/author-profiles/{id}', tags, security, middleware: auth,
      request: { params: idParams }, responses: dataResponse(authorProfileSchema),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.visibleAuthorProfile(tx, c.get('principal'), c.req.valid('param').id))),
  )
  .openapi(
    createRoute({
      operationId: 'updateAuthorProfile', summary: 'Change an author profile',
      method: 'patch', path: '/thinker/author-profiles/{id}', tags, security, middleware: auth,
      request: { params: idParams, body: jsonBody(authorProfilePatchSchema) }, responses: dataResponse(authorProfileSchema, 200, { also: [409] }),
    }),
    async (c) =>
      ok(c, await inScope(c, (tx) => service.updateAuthorProfile(tx, c.get('principal'), c.req.valid('param').id, c.req.valid('json')))),
  )
  .openapi(
    createRoute({
      operationId: 'deleteAuthorProfile', summary: 'Delete an author profile',
      method: 'delete', path: '/thinker/author-profiles/{id}', tags, security, middleware: auth,
      request: { params: idParams }, responses: dataResponse(z.null()),
    }),
    async (c) => {
      await inScope(c, (tx) => service.deleteAuthorProfile(tx, c.get('principal'), c.req.valid('param').id));
      return ok(c, null, 200, 'Author profile deleted.');
    },
  )
  // ---- strategies
  .openapi(
    createRoute({
      operationId: 'listStrategies', summary: 'The account’s content strategies',
      method: 'get', path: '/thinker/strategies', tags, security, middleware: auth,
      request: { query: strategyQuery }, responses: listResponse(strategySchema),
    }),
    async (c) => {
      const query = c.req.valid('query');
      const { results, count } = await inScope(c, (tx) =>
        service.listStrategies(tx, c.get('principal'), { siteId: query.site_id }, pageBounds(query)),
      );
      return list(c, results, count, query);
    },
  )
  .openapi(
    createRoute({
      operationId: 'createStrategy', summary: 'Add a content strategy',
      method: 'post', path: '/thinker/strategies', tags, security, middleware: auth,
      request: { body: jsonBody(strategyCreateSchema) }, responses: dataResponse(strategySchema, 201, { also: [409] }),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.createStrategy(tx, c.get('principal'), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      operationId: 'getStrategy', summary: 'A content strategy',
      method: 'get', path: '/thinker/strategies/{id}', tags, security, middleware: auth,
      request: { params: idParams }, responses: dataResponse(strategySchema),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.visibleStrategy(tx, c.get('principal'), c.req.valid('param').id))),
  )
  .openapi(
    createRoute({
      operationId: 'updateStrategy', summary: 'Change a content strategy',
      method: 'patch', path: '/thinker/strategies/{id}', tags, security, middleware: auth,
      request: { params: idParams, body: jsonBody(strategyPatchSchema) }, responses: dataResponse(strategySchema, 200, { also: [409] }),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.updateStrategy(tx, c.get('principal'), c.req.valid('param').id, c.req.valid('json')))),
  )
  .openapi(
    createRoute({
      operationId: 'deleteStrategy', summary: 'Delete a content strategy',
      method: 'delete', path: '/thinker/strategies/{id}', tags, security, middleware: auth,
      request: { params: idParams }, responses: dataResponse(z.null()),
    }),
    async (c) => {
      await inScope(c, (tx) => service.deleteStrategy(tx, c.get('principal'), c.req.valid('param').id));
      return ok(c, null, 200, 'Strategy deleted.');
    },
  );
