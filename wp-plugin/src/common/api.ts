/**
 * The screens' one way to reach the IGNY8 service: through WordPress only, with
 * @wordpress/api-fetch (which adds the REST nonce), to the plugin's signed proxy
 * `igny8/v1/service/<path>`. The proxy answers the service's envelope on success and a WP_Error
 * carrying the service's code, sentence, status and field errors otherwise.
 */
import apiFetch from '@wordpress/api-fetch';
import { addQueryArgs } from '@wordpress/url';

export const NAMESPACE = 'igny8/v1';

export type FieldErrors = Record<string, string[]>;

/** An error answer in the service's words (or WordPress's, when the proxy refused the call). */
export class ServiceError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
    readonly errors: FieldErrors = {},
    /** The rest of the answer's data, e.g. `balance` and `required` of insufficient_credits. */
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export type Query = Record<string, string | number | boolean | string[] | undefined>;
export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type ServiceOptions = { method?: Method; query?: Query; data?: unknown };

export type ListPage<T> = { count: number; next: string | null; previous: string | null; results: T[] };

type WpErrorBody = { code?: string; message?: string; data?: { status?: number; errors?: FieldErrors } & Record<string, unknown> };

export function toServiceError(err: unknown): ServiceError {
  if (err instanceof ServiceError) return err;
  const body = (err ?? {}) as WpErrorBody;
  const { status = 0, errors = {}, ...data } = body.data ?? {};
  return new ServiceError(body.message ?? 'WordPress did not answer.', body.code ?? 'fetch_error', status, errors, data);
}

/** A path of the plugin's own REST namespace with its query string. */
export function restPath(path: string, query: Query = {}): string {
  const defined = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== ''));
  return addQueryArgs(`/${NAMESPACE}/${path.replace(/^\/+/, '')}`, defined);
}

async function call<T>(path: string, { method = 'GET', query, data }: ServiceOptions): Promise<T> {
  try {
    return await apiFetch<T>({ path: restPath(`service/${path.replace(/^\/+/, '')}`, query), method, ...(data !== undefined ? { data } : {}) });
  } catch (err) {
    throw toServiceError(err);
  }
}

/** A call to the service that answers `{success, data}`: resolves to `data`. */
export async function service<T>(path: string, options: ServiceOptions = {}): Promise<T> {
  const answer = await call<{ data: T }>(path, options);
  return answer.data;
}

/** A list of the service (`?page=`, `?page_size=`): resolves to the page. */
export async function serviceList<T>(path: string, query: Query = {}): Promise<ListPage<T>> {
  const { count, next, previous, results } = await call<ListPage<T>>(path, { query });
  return { count, next, previous, results };
}

/** A call to one of the plugin's own routes (connection, settings, import): its JSON as is. */
export async function plugin<T>(path: string, options: ServiceOptions & { body?: FormData } = {}): Promise<T> {
  const { method = 'GET', query, data, body } = options;
  try {
    return await apiFetch<T>({ path: restPath(path, query), method, ...(data !== undefined ? { data } : {}), ...(body ? { body } : {}) });
  } catch (err) {
    throw toServiceError(err);
  }
}

/**
 * A binary answer (an image, a CSV) of one of the plugin's routes, with the nonce like any other
 * call: `<img src>` and links cannot send it, so the screens fetch the bytes and show a blob URL.
 */
export async function blob(path: string, query: Query = {}): Promise<Blob> {
  let response: Response;
  try {
    response = await apiFetch<Response, false>({ path: restPath(path, query), parse: false });
  } catch (err) {
    // With parse: false a refusal arrives as the Response itself.
    if (err instanceof Response) {
      const body = (await err.json().catch(() => ({}))) as WpErrorBody;
      throw toServiceError({ ...body, data: { status: err.status, ...body.data } });
    }
    throw toServiceError(err);
  }
  return response.blob();
}
