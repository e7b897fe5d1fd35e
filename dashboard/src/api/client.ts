/**
 * The dashboard's one way to call the API. The access token lives only in this module's memory;
 * the refresh token is an httpOnly cookie the service sets for its auth routes, which scripts
 * cannot read. A 401 refreshes once (one refresh at a time for every caller) and retries; when the
 * refresh fails the session ends and listeners are told, so the app shows the sign-in page.
 */
export const API = '/api/v1';
const SESSION_HEADER = { 'X-IGNY8-Session': 'cookie' };

export type FieldErrors = Record<string, string[]>;

/** An error answer in the contract's words: its sentence, code and field errors. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly errors: FieldErrors = {},
  ) {
    super(message);
  }
}

export type ListPage<T> = { count: number; next: string | null; previous: string | null; results: T[] };

let access: string | null = null;
let refreshing: Promise<boolean> | null = null;
const signedOutListeners = new Set<() => void>();

export function setAccessToken(token: string | null): void {
  access = token;
}

export function hasAccessToken(): boolean {
  return access !== null;
}

/** Called when the session ends on its own (refresh refused): the app goes back to sign-in. */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

async function readError(res: Response): Promise<ApiError> {
  let body: { error?: string; code?: string; errors?: FieldErrors } = {};
  try {
    body = await res.json();
  } catch {
    // Not the service's JSON (a proxy's page): say what happened in plain words.
  }
  return new ApiError(body.error ?? `The service answered ${res.status}.`, res.status, body.code ?? 'http_error', body.errors ?? {});
}

/** Whether the service set a session cookie (a readable hint beside the httpOnly refresh cookie). */
export function mayHaveSession(): boolean {
  return /(?:^|;\s*)igny8_session=1/.test(document.cookie);
}

/** Exchanges the refresh cookie for a new access token; false when the session is over. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const res = await fetch(`${API}/auth/refresh`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', ...SESSION_HEADER },
        body: '{}',
      });
      if (!res.ok) return false;
      const json = await res.json();
      access = json.data.access;
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

type Options = { method?: string; body?: unknown; signal?: AbortSignal; raw?: boolean };

async function send(path: string, opts: Options): Promise<Response> {
  const headers: Record<string, string> = { ...SESSION_HEADER };
  if (access) headers.Authorization = `Bearer ${access}`;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(path.startsWith('/') ? `${API}${path}` : path, {
    method: opts.method ?? 'GET',
    headers,
    credentials: 'same-origin',
    body: opts.body === undefined ? null : JSON.stringify(opts.body),
    signal: opts.signal ?? null,
  });
}

/** The raw answer of a call (e.g. a CSV), after the same refresh-and-retry as `api`. */
export async function apiResponse(path: string, opts: Options = {}): Promise<Response> {
  let res = await send(path, opts);
  if (res.status === 401 && access !== null && !path.startsWith('/auth/sign')) {
    if (await refreshSession()) res = await send(path, opts);
    else {
      access = null;
      for (const listener of signedOutListeners) listener();
    }
  }
  if (!res.ok) throw await readError(res);
  return res;
}

/** Calls the API and unwraps the envelope: `data` of an object answer, the whole list of a list answer. */
export async function api<T>(path: string, opts: Options = {}): Promise<T> {
  const res = await apiResponse(path, opts);
  const json = await res.json();
  return ('results' in json ? json : json.data) as T;
}
