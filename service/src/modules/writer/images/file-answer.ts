import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../../context';

// Revalidated on every use (cheap with the entity tag), so a revoked grant or a new rendering shows at once.
const CACHE_CONTROL = 'private, no-cache';

/** The OpenAPI answers of a stored image file: the bytes with their entity tag, or 304. */
export const fileResponses = {
  200: {
    description: 'The image file',
    headers: {
      ETag: { description: 'Entity tag of the file', schema: { type: 'string' } },
      'Cache-Control': { description: 'Always `private, no-cache`', schema: { type: 'string' } },
    },
    content: { 'image/webp': { schema: z.string().openapi({ format: 'binary' }) } },
  },
  304: { description: 'The file is the one the client has (`If-None-Match`)' },
} satisfies Parameters<typeof createRoute>[0]['responses'];

export const fileRequestHeaders = z.object({ 'if-none-match': z.string().optional() });

/** A stored file as the answer: 304 when `If-None-Match` names its entity tag, else its bytes. */
export function fileAnswer(c: Context<AppEnv>, file: { bytes: Buffer; mime: string; etag: string }, ifNoneMatch: string | undefined) {
  const headers = { ETag: file.etag, 'Cache-Control': CACHE_CONTROL };
  if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === file.etag || t.trim() === '*')) return c.body(null, 304, headers) as never;
  return c.body(new Uint8Array(file.bytes), 200, { ...headers, 'Content-Type': file.mime, 'Content-Length': String(file.bytes.length) }) as never;
}
