import { OpenAPIHono, z } from '@hono/zod-openapi';
import { envelopeOf, listOf } from './envelope';
import { errorResponseRef, type ErrorStatus } from './openapi-doc';
import type { AppEnv } from '../context';
import { ApiError, type FieldErrors } from './errors';

/**
 * Turns zod issues into the contract's `errors` object: field path → messages. The paths are the
 * client's own keys, so the object has no prototype: a field named `constructor` or `__proto__`
 * is a field like any other, not an inherited method.
 */
export function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string; code?: string; keys?: readonly string[] }[]): FieldErrors {
  const errors: FieldErrors = Object.create(null);
  for (const issue of issues) {
    const prefix = issue.path.map(String).join('.');
    // An unknown field is reported under its own name, so a client sees which one to drop.
    if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
      for (const k of issue.keys) (errors[prefix ? `${prefix}.${k}` : k] ??= []).push('Unknown field.');
      continue;
    }
    (errors[prefix || 'non_field_errors'] ??= []).push(issue.message);
  }
  return errors;
}

/** A sub-app whose request validation failures become 400 `invalid_input` with field errors. */
export function router() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new ApiError('invalid_input', 'The request has invalid fields.', { errors: fieldErrors(result.error.issues) });
      }
    },
  });
}


/** OpenAPI request body from a schema. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });

/**
 * What a route answers besides its success: the error statuses only it gives (402 when it spends
 * credits, 409 when it can conflict with existing data…). Those every route of its kind gives are
 * added to the document for it (see openapi-doc.ts).
 */
export type ResponseOptions = { description?: string; also?: readonly ErrorStatus[] };

/**
 * The route-specific error answers of `opts.also`. Typed as adding nothing: handlers never return
 * them (errors are thrown and answered by onError), so they must not widen what a handler may
 * return — only the success answer types the handler and Hono's client.
 */
export const errorResponses = (also: readonly ErrorStatus[] = []) => Object.fromEntries(also.map((s) => [s, errorResponseRef(s)])) as {};

/** Responses for an endpoint answering `data` in the success envelope with `status`. */
export function dataResponse<T extends z.ZodType, S extends 200 | 201 | 202 = 200>(schema: T, status: S = 200 as S, opts: ResponseOptions = {}) {
  const success = { description: opts.description ?? 'OK', content: { 'application/json': { schema: envelopeOf(schema) } } };
  return { [status]: success, ...errorResponses(opts.also) } as { [K in S]: typeof success };
}

/** Responses for a paginated list endpoint. */
export function listResponse<T extends z.ZodType>(item: T, opts: ResponseOptions = {}) {
  return {
    200: { description: opts.description ?? 'A page of results', content: { 'application/json': { schema: listOf(item) } } },
    ...errorResponses(opts.also),
  } as const;
}

export const idParams = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
