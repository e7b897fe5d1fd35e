import type { WordPress } from './site';

/**
 * Calls the site's REST API as the administrator (application password). A JSON body is sent as
 * JSON; a failed call throws with its status and answer, so tests fail with WordPress's reason.
 */
export async function rest<T>(
  wp: WordPress,
  path: string,
  init: { method?: string; json?: unknown; body?: Buffer; headers?: Record<string, string> } = {},
): Promise<T> {
  const response = await restResponse(wp, path, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

/** The raw answer, for tests about status codes. */
export function restResponse(
  wp: WordPress,
  path: string,
  init: { method?: string; json?: unknown; body?: Buffer; headers?: Record<string, string>; anonymous?: boolean } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers };
  if (!init.anonymous) headers.authorization = `Basic ${Buffer.from(`${wp.admin.user}:${wp.appPassword}`).toString('base64')}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const body = init.json !== undefined ? JSON.stringify(init.json) : init.body;
  // A Buffer is a valid fetch body in Node; the DOM typings of the screens' code do not say so.
  return fetch(`${wp.url}/wp-json${path}`, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body: body as BodyInit | undefined });
}
