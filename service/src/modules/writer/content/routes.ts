import { createRoute, z } from '@hono/zod-openapi';
import { CONTENT_STATUSES, contentPatchSchema, contentRejectSchema, contentRevisionSchema, contentSchema } from '@igny8/shared';
import { list, ok, pageBounds, pageQuery } from '../../../http/envelope';
import { requireAuth } from '../../../http/middleware';
import { dataResponse, idParams, jsonBody, listResponse, router } from '../../../http/openapi-app';
import { inScope } from '../../../http/scope';
import { requestRun, runStartedSchema } from '../../ai';
import { generateImagePrompts } from '../images';
import { publishRequest } from '../publishing/publish-content';
import * as publishing from '../publishing/service';
import * as service from './service';

// Mounted at /writer/content.

const auth = [requireAuth];
const security = [{ bearer: [] }];

export const contentRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/', tags: ['writer'], security, middleware: auth,
      operationId: 'listContent', summary: 'List content',
      request: { query: pageQuery.extend({ site_id: z.uuid().optional(), sector_id: z.uuid().optional(), task_id: z.uuid().optional(), status: z.enum(CONTENT_STATUSES).optional() }) },
      responses: listResponse(contentSchema),
    }),
    async (c) => {
      const { page, page_size, ...filter } = c.req.valid('query');
      const { results, count } = await inScope(c, (tx) => service.listContent(tx, c.get('caller'), filter, pageBounds({ page, page_size })));
      return list(c, results, count, { page, page_size });
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/generate-image-prompts', tags: ['writer'], security, middleware: auth,
      operationId: 'startGenerateImagePrompts',
      summary: 'Plan the articles’ images: a featured one and one per few sections, each with a prompt, alt text and caption (1 credit per article; each succeeds or fails on its own)',
      request: { body: jsonBody(generateImagePrompts.input) },
      responses: dataResponse(runStartedSchema, 202, { also: [402, 409] }),
    }),
    async (c) => ok(c, await requestRun(c, generateImagePrompts, c.req.valid('json')), 202),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}', tags: ['writer'], security, middleware: auth,
      operationId: 'getContent', summary: 'A piece of content', request: { params: idParams }, responses: dataResponse(contentSchema),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.getContent(tx, c.get('caller'), c.req.valid('param').id))),
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/{id}', tags: ['writer'], security, middleware: auth,
      operationId: 'updateContent',
      summary: 'Edit content (block markup is checked as generation renders it; the previous text becomes a revision)',
      description:
        'A change of the text of approved content sends it back to review when its site requires approval. ' +
        '`status` takes a review step under the rules of submit, approve and reject, after the edit.',
      request: { params: idParams, body: jsonBody(contentPatchSchema) }, responses: dataResponse(contentSchema, 200, { also: [409] }),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.updateContent(tx, c.get('caller'), c.req.valid('param').id, c.req.valid('json')))),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}/revisions', tags: ['writer'], security, middleware: auth,
      operationId: 'listContentRevisions', summary: 'Earlier versions of a piece of content, newest first',
      request: { params: idParams, query: pageQuery }, responses: listResponse(contentRevisionSchema),
    }),
    async (c) => {
      const query = c.req.valid('query');
      const { results, count } = await inScope(c, (tx) => service.listRevisions(tx, c.get('caller'), c.req.valid('param').id, pageBounds(query)));
      return list(c, results, count, query);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/submit', tags: ['writer'], security, middleware: auth,
      operationId: 'submitContent', summary: 'Submit content for review (draft or failed → review; editors and up)',
      description: 'Content already in review is answered as it is.',
      request: { params: idParams }, responses: dataResponse(contentSchema, 200, { also: [409] }),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.review(tx, c.get('caller'), c.req.valid('param').id, 'submit', {}))),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/approve', tags: ['writer'], security, middleware: auth,
      operationId: 'approveContent', summary: 'Approve content for publishing (draft, review or failed → approved; owners and admins)',
      description: 'Records who approved and when. On a site that requires approval only approved content is published; editing its text sends it back to review.',
      request: { params: idParams }, responses: dataResponse(contentSchema, 200, { also: [409] }),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.review(tx, c.get('caller'), c.req.valid('param').id, 'approve', {}))),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/reject', tags: ['writer'], security, middleware: auth,
      operationId: 'rejectContent', summary: 'Send content back to draft with an optional note (review or approved → draft; owners and admins)',
      description: 'The note is kept on the content as `review_note` until the next approval.',
      request: { params: idParams, body: { ...jsonBody(contentRejectSchema), required: false } },
      responses: dataResponse(contentSchema, 200, { also: [409] }),
    }),
    async (c) => {
      const note = (c.req.valid('json') as { note?: string } | undefined)?.note;
      return ok(c, await inScope(c, (tx) => service.review(tx, c.get('caller'), c.req.valid('param').id, 'reject', { note })));
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/internal-links', tags: ['writer'], security, middleware: auth,
      operationId: 'placeContentInternalLinks', summary: 'Place the article’s internal links again, from its cluster as it is now',
      description:
        'Links the article to its cluster’s pillar article and to published siblings, with anchors taken from their primary keyword ' +
        'or title, at most the site’s `internal_links_max`. The links placed before are replaced; the list is in `internal_links`. ' +
        'A changed text keeps the previous one as a revision.',
      request: { params: idParams }, responses: dataResponse(contentSchema, 200, { also: [409] }),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.placeInternalLinks(tx, c.get('caller'), c.req.valid('param').id))),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/publish', tags: ['writer'], security, middleware: auth,
      operationId: 'publishContent',
      summary: 'Publish to the site’s WordPress as a run (no credits). Exactly once: publishing again updates the same post. The site’s application password is checked first (409 with the code saying what to fix).',
      request: { params: idParams, body: jsonBody(publishRequest) }, responses: dataResponse(runStartedSchema, 202, { also: [409] }),
    }),
    async (c) => ok(c, await publishing.requestPublish(c, c.req.valid('param').id, c.req.valid('json')), 202),
  );
