/**
 * WordPress's REST server as the screens see it, for unit tests: api-fetch's own fetch-handler
 * seam answers each request from a route table, as the plugin's proxy would (the envelope on
 * success, a WP_Error body otherwise), and records what was asked.
 */
import apiFetch from '@wordpress/api-fetch';
import { dispatch } from '@wordpress/data';
import { store as noticesStore } from '@wordpress/notices';
import { NOTICE_CONTEXT } from '../../../src/common/notices';

export type Request = { method: string; path: string; query: URLSearchParams; data?: unknown; body?: unknown };
export type Answer = unknown | ((req: Request) => unknown);

export class WpError {
  constructor(
    readonly code: string,
    readonly message: string,
    readonly data: Record<string, unknown>,
  ) {}
}

export const requests: Request[] = [];
let routes: [string, Answer][] = [];

/** Answers for `METHOD path` (path without the query and the `/igny8/v1/` prefix); the first match wins. */
export function answer(table: Record<string, Answer>) {
  routes = [...Object.entries(table), ...routes];
}

export function reset() {
  routes = [];
  requests.length = 0;
  dispatch(noticesStore).removeAllNotices('default', NOTICE_CONTEXT);
  dispatch(noticesStore).removeAllNotices('snackbar', NOTICE_CONTEXT);
}

/** Requests to `METHOD path`, e.g. `GET service/planner/keywords`. */
export const seen = (key: string) => requests.filter((r) => `${r.method} ${r.path}` === key);

export const envelope = (data: unknown) => ({ success: true, data });
export const page = <T>(results: T[], count = results.length) => ({ success: true, count, next: null, previous: null, results });

apiFetch.setFetchHandler(async (options) => {
  const url = new URL(String(options.path), 'http://wp.test');
  const path = url.pathname.replace(/^\/igny8\/v1\//, '');
  // api-fetch sends PUT, PATCH and DELETE as POST with an override header, as WordPress accepts.
  const override = (options.headers as Record<string, string> | undefined)?.['X-HTTP-Method-Override'];
  const req: Request = { method: override ?? options.method ?? 'GET', path, query: url.searchParams, data: options.data, body: options.body };
  requests.push(req);
  const found = routes.find(([key]) => key === `${req.method} ${path}`);
  if (!found) throw { code: 'rest_no_route', message: `No route for ${req.method} ${path}`, data: { status: 404 } };
  const value = typeof found[1] === 'function' ? (found[1] as (r: Request) => unknown)(req) : found[1];
  const result = await value;
  if (result instanceof WpError) {
    // api-fetch rejects with the parsed WP_Error body, or, with parse: false, with the Response.
    if (options.parse === false) return Promise.reject(new Response(JSON.stringify(result), { status: Number(result.data.status ?? 400), headers: { 'Content-Type': 'application/json' } }));
    throw { code: result.code, message: result.message, data: result.data };
  }
  return result;
});

/** The page settings a screen reads, as an administrator of a connected site unless told otherwise. */
export function page_config(userCan: Partial<{ edit_posts: boolean; publish_posts: boolean; manage_options: boolean }> = {}) {
  window.igny8 = {
    screen: 'keywords',
    connected: true,
    siteName: 'Test site',
    accountName: 'Test account',
    restNamespace: 'igny8/v1',
    settingsUrl: '/wp-admin/admin.php?page=igny8-settings',
    userCan: { edit_posts: true, publish_posts: true, manage_options: true, ...userCan },
  };
}

export const SITE = { id: '11111111-1111-4111-8111-111111111111', name: 'Test site' };
export const SECTOR = { id: '22222222-2222-4222-8222-222222222222', name: 'Gardening', status: 'active' };

/** The connected site and its one sector. */
export function siteWithSector() {
  answer({
    'GET service/sites': page([SITE]),
    [`GET service/sites/${SITE.id}/sectors`]: page([SECTOR]),
  });
}

/** The text of the notices on the page (without the hidden words said to screen readers). */
export function noticeContents(): string[] {
  return [...document.querySelectorAll('.components-notice__content, .components-snackbar__content')].map((n) => {
    const copy = n.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.components-visually-hidden, .components-notice__actions').forEach((hidden) => hidden.remove());
    return copy.textContent?.trim() ?? '';
  });
}
