import { vi } from 'vitest';

type Handler = (req: { method: string; path: string; body: unknown; headers: Record<string, string> }) => { status?: number; body?: unknown } | undefined;

/**
 * Stands in for the service at the browser's HTTP boundary (fetch): each request goes to `handler`,
 * which answers with a status and a JSON body; unhandled requests answer 404 in the contract's shape.
 */
export function fakeApi(handler: Handler) {
  const calls: { method: string; path: string; body: unknown; headers: Record<string, string> }[] = [];
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    const req = {
      method: init.method ?? 'GET',
      path: url.replace(/^\/api\/v1/, ''),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      headers: (init.headers ?? {}) as Record<string, string>,
    };
    calls.push(req);
    const answer = handler(req) ?? { status: 404, body: { success: false, error: `No route for ${req.method} ${req.path}.`, code: 'not_found' } };
    return new Response(JSON.stringify(answer.body ?? {}), { status: answer.status ?? 200, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetch);
  return calls;
}

export const data = (d: unknown) => ({ body: { success: true, data: d, request_id: 'r' } });
export const list = (results: unknown[]) => ({ body: { success: true, count: results.length, next: null, previous: null, results, request_id: 'r' } });
