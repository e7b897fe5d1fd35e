import { createRoute, z } from '@hono/zod-openapi';
import { IMAGE_STATUSES, imagePatchSchema, imageSchema } from '@igny8/shared';
import { list, ok, pageBounds, pageQuery } from '../../../http/envelope';
import { requireAuth } from '../../../http/middleware';
import { dataResponse, idParams, jsonBody, listResponse, router } from '../../../http/openapi-app';
import { inScope } from '../../../http/scope';
import { requestRun, runStartedSchema } from '../../ai';
import { fileAnswer, fileRequestHeaders, fileResponses } from './file-answer';
import { generateImages } from './generate-images';
import { sweepOrphanFiles } from './orphan-files';
import * as service from './service';

// Mounted at /writer/images.

const auth = [requireAuth];
const security = [{ bearer: [] }];

export const imageRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/', tags: ['writer'], security, middleware: auth,
      operationId: 'listImages', summary: 'List the images of articles',
      request: {
        query: pageQuery.extend({ content_id: z.uuid().optional(), site_id: z.uuid().optional(), sector_id: z.uuid().optional(), status: z.enum(IMAGE_STATUSES).optional() }),
      },
      responses: listResponse(imageSchema),
    }),
    async (c) => {
      const { page, page_size, ...filter } = c.req.valid('query');
      const { results, count } = await inScope(c, (tx) => service.listImages(tx, c.get('caller'), filter, pageBounds({ page, page_size })));
      return list(c, results, count, { page, page_size });
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/generate', tags: ['writer'], security, middleware: auth,
      operationId: 'startGenerateImages',
      summary: 'Render the images and store them as WebP (1 credit per image stored; each image succeeds or fails on its own)',
      request: { body: jsonBody(generateImages.input) },
      responses: dataResponse(runStartedSchema, 202, { also: [402, 409] }),
    }),
    async (c) => ok(c, await requestRun(c, generateImages, c.req.valid('json')), 202),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}', tags: ['writer'], security, middleware: auth,
      operationId: 'getImage', summary: 'An image of an article', request: { params: idParams }, responses: dataResponse(imageSchema),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.getImage(tx, c.get('caller'), c.req.valid('param').id))),
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/{id}', tags: ['writer'], security, middleware: auth,
      operationId: 'updateImage', summary: 'Edit an image’s prompt, alt text, caption, style or size (a stored file stays until generated again)',
      request: { params: idParams, body: jsonBody(imagePatchSchema) }, responses: dataResponse(imageSchema),
    }),
    async (c) => ok(c, await inScope(c, (tx) => service.updateImage(tx, c.get('caller'), c.req.valid('param').id, c.req.valid('json')))),
  )
  .openapi(
    createRoute({
      method: 'delete', path: '/{id}', tags: ['writer'], security, middleware: auth,
      operationId: 'deleteImage', summary: 'Delete an image and its stored file', request: { params: idParams }, responses: dataResponse(z.null()),
    }),
    async (c) => {
      await inScope(c, (tx) => service.deleteImage(tx, c.get('caller'), c.req.valid('param').id));
      // The file goes at once rather than at the workers' next sweep.
      await sweepOrphanFiles(c.get('deps'));
      return ok(c, null, 200, 'Image deleted.');
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}/file', tags: ['writer'], security, middleware: auth,
      operationId: 'getImageFile', summary: 'The stored image file (WebP), for the users who may see the image',
      description: 'Answers 304 when `If-None-Match` names the current entity tag; 404 when the image has no file yet.',
      request: { params: idParams, headers: fileRequestHeaders },
      responses: fileResponses,
    }),
    async (c) => {
      const ref = await inScope(c, (tx) => service.imageFileRef(tx, c.get('caller'), c.req.valid('param').id));
      return fileAnswer(c, await service.readImageFile(c.get('deps'), ref), c.req.valid('header')['if-none-match']);
    },
  );
