import { createRoute } from '@hono/zod-openapi';
import { ok } from '../../../http/envelope';
import { requireAuth } from '../../../http/middleware';
import { dataResponse, idParams, jsonBody, router } from '../../../http/openapi-app';
import { inScope } from '../../../http/scope';
import { requestRun, runStartedSchema } from '../../ai';
import { fileAnswer, fileRequestHeaders, fileResponses } from '../images/file-answer';
import { readImageFile } from '../images/service';
import { assist } from './assist';
import { featuredImageRef } from './featured-image';

// Mounted at /writer/assist.

const auth = [requireAuth];
const security = [{ bearer: [] }];

export const assistRoutes = router().openapi(
  createRoute({
    method: 'post', path: '/', tags: ['writer'], security, middleware: auth,
    operationId: 'startAssist',
    summary: 'Write a title, an outline, a section, a full draft or a meta description for the post being edited (3 credits for a draft, 1 for the rest)',
    description:
      'About exactly one of a typed topic (with `site_id`; a signed site’s own when it sends none), a keyword, a cluster or an idea. ' +
      'The run’s result is `{kind, title}`, `{kind, meta_description}`, `{kind, title, outline, blocks}`, `{kind, heading, blocks, word_count}` ' +
      'or `{kind, title, meta_title, meta_description, excerpt, blocks, word_count}`, where `blocks` is block markup the block editor parses ' +
      'as its own core blocks. Nothing is saved as content.',
    request: { body: jsonBody(assist.input) },
    responses: dataResponse(runStartedSchema, 202, { also: [402, 409] }),
  }),
  async (c) => {
    const body = c.req.valid('json');
    const caller = c.get('caller');
    // A signed site writes for itself: a typed topic without a site is for the caller's site.
    const input = body.site_id || caller.kind !== 'site' ? body : { ...body, site_id: caller.siteId };
    return ok(c, await requestRun(c, assist, input), 202);
  },
).openapi(
  createRoute({
    method: 'get', path: '/{id}/image', tags: ['writer'], security, middleware: auth,
    operationId: 'getAssistImage',
    summary: 'The featured image a `featured_image` assist run made (WebP), for the users who may see the run',
    description: 'The editor copies it into its media library. 404 for a run that is not a finished featured image, or whose file is gone.',
    request: { params: idParams, headers: fileRequestHeaders },
    responses: fileResponses,
  }),
  async (c) => {
    const ref = await inScope(c, (tx) => featuredImageRef(tx, c.req.valid('param').id));
    return fileAnswer(c, await readImageFile(c.get('deps'), ref), c.req.valid('header')['if-none-match']);
  },
);
