import type { Context } from 'hono';
import type { TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import { z } from '@hono/zod-openapi';
import { ERROR_STATUS } from './errors';
import type { AppEnv } from '../context';

export const PAGE_SIZE_DEFAULT = 50;
export const PAGE_SIZE_MAX = 500;

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1).openapi({ description: '1-based page number' }),
  page_size: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
});
export type PageQuery = z.infer<typeof pageQuery>;

export function pageBounds(q: PageQuery): { limit: number; offset: number } {
  return { limit: q.page_size, offset: (q.page - 1) * q.page_size };
}

/** The contract's success envelope around `data`, typed so that Hono's client knows the answer. */
export function ok<T>(c: Context, data: T): Response & TypedResponse<JSONParsed<Envelope<T>>, 200, 'json'>;
export function ok<T, S extends 200 | 201 | 202>(c: Context, data: T, status: S, message?: string): Response & TypedResponse<JSONParsed<Envelope<T>>, S, 'json'>;
export function ok<T>(c: Context, data: T, status: 200 | 201 | 202 = 200, message?: string) {
  return c.json({ success: true as const, data, ...(message ? { message } : {}), request_id: c.get('requestId') as string }, status);
}
type Envelope<T> = { success: true; data: T; message?: string; request_id: string };

/**
 * The contract's list envelope, with `next`/`previous` as absolute URLs keeping the other query
 * parameters, under the configured public URL (never the request's Host header). A list whose total was not counted to the end (`exact: false`) says so in
 * `count_exact`, and offers a next page whenever this one is full.
 */
export function list<T>(c: Context<AppEnv>, results: readonly T[], count: number, q: PageQuery, opts: { exact?: boolean } = {}): Response & TypedResponse<JSONParsed<ListEnvelope<T>>, 200, 'json'> {
  const exact = opts.exact ?? true;
  const link = (page: number) => {
    const url = new URL(c.req.url);
    url.searchParams.set('page', String(page));
    return `${c.get('deps').config.publicUrl}${url.pathname}${url.search}`;
  };
  return c.json(
    {
      success: true as const,
      count,
      ...(exact ? {} : { count_exact: false }),
      next: q.page * q.page_size < count || (!exact && results.length === q.page_size) ? link(q.page + 1) : null,
      previous: q.page > 1 ? link(Math.min(q.page - 1, Math.max(1, Math.ceil(count / q.page_size)))) : null,
      results: results as T[],
      request_id: c.get('requestId') as string,
    } satisfies ListEnvelope<T>,
    200,
    // TypeScript cannot evaluate Hono's JSON mapping over a T not yet known; each caller's is.
  ) as unknown as Response & TypedResponse<JSONParsed<ListEnvelope<T>>, 200, 'json'>;
}
type ListEnvelope<T> = { success: true; count: number; count_exact?: boolean; next: string | null; previous: string | null; results: T[]; request_id: string };

/** Schemas for the OpenAPI document: success and list envelopes around a data schema. */
export function envelopeOf<T extends z.ZodType>(data: T) {
  return z.object({ success: z.literal(true), data, message: z.string().optional(), request_id: z.string() });
}
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({
    success: z.literal(true),
    count: z.number().int(),
    /** Present and false when `count` is a lower bound (the total was not counted to the end). */
    count_exact: z.boolean().optional(),
    next: z.url().nullable(),
    previous: z.url().nullable(),
    results: z.array(item),
    request_id: z.string(),
  });
}
export const errorSchema = z
  .object({
    success: z.literal(false),
    /** A sentence for people. */
    error: z.string(),
    /** Per field (`non_field_errors` for the request as a whole): what is wrong with it. */
    errors: z.record(z.string(), z.array(z.string())).optional(),
    code: z.string().openapi({ description: `What went wrong, for programs: ${Object.keys(ERROR_STATUS).join(', ')}` }),
    request_id: z.string(),
  })
  .openapi('Error');

/** The 402 answer also says what the balance is and what was needed. */
export const insufficientCreditsSchema = errorSchema.extend({ balance: z.number().int(), required: z.number().int() });
