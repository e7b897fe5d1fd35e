import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../context';
import { ApiError } from '../../http/errors';

/**
 * Browsers (the dashboard) keep the refresh token in an httpOnly cookie that scripts cannot read,
 * scoped to the auth routes. They ask for it with this header; being a custom header, it cannot be
 * sent across origins without a CORS preflight, which is what makes it a CSRF guard. Scripts that
 * never send it keep the JSON contract: the refresh token in the body.
 */
export const COOKIE_MODE_HEADER = 'x-igny8-session';
export const COOKIE_MODE_VALUE = 'cookie';
export const REFRESH_COOKIE = 'igny8_refresh';
/**
 * A readable companion holding no secret, only that a session cookie was set: the page asks for a
 * refresh on load only when it is there, instead of an error-logging 400 on every signed-out visit.
 */
export const SESSION_HINT_COOKIE = 'igny8_session';
const REFRESH_SECONDS = 7 * 24 * 3600;

export function wantsCookie(c: Context<AppEnv>): boolean {
  return c.req.header(COOKIE_MODE_HEADER)?.toLowerCase() === COOKIE_MODE_VALUE;
}

function rootPath(c: Context<AppEnv>): string {
  return new URL(c.get('deps').config.publicUrl).pathname.replace(/\/+$/, '') || '/';
}

function cookiePath(c: Context<AppEnv>): string {
  return `${rootPath(c).replace(/\/$/, '')}/api/v1/auth`;
}

function secure(c: Context<AppEnv>): boolean {
  return c.get('deps').config.publicUrl.startsWith('https:') || new URL(c.req.url).protocol === 'https:';
}

/**
 * Refuses a cookie-mode request that a browser sent from another site: the Origin (sent on every
 * cross-origin POST) must be this service, a configured CORS origin, or the host the request was
 * addressed to; Sec-Fetch-Site, where the browser sends it, must not say cross-site.
 */
export function checkSameOrigin(c: Context<AppEnv>): void {
  const refuse = () => new ApiError('forbidden', 'This request came from another site; sign in from the dashboard itself.');
  if (c.req.header('sec-fetch-site') === 'cross-site') throw refuse();
  const origin = c.req.header('origin');
  if (!origin) return;
  const config = c.get('deps').config;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw refuse();
  }
  const allowed = origin === new URL(config.publicUrl).origin || config.corsOrigins.includes(origin) || host === c.req.header('host');
  if (!allowed) throw refuse();
}

/** The refresh token a cookie-mode request carries, after the CSRF checks. */
export function refreshFromCookie(c: Context<AppEnv>): string | undefined {
  const token = getCookie(c, REFRESH_COOKIE);
  if (token === undefined) return undefined;
  if (!wantsCookie(c)) {
    throw new ApiError('forbidden', `Send the header "${COOKIE_MODE_HEADER}: ${COOKIE_MODE_VALUE}" to use the session cookie.`);
  }
  checkSameOrigin(c);
  return token;
}

/** Moves the refresh token of an answer into the cookie; the body keeps its shape with an empty `refresh`. */
export function storeRefresh<T extends { refresh: string }>(c: Context<AppEnv>, tokens: T): T {
  setCookie(c, REFRESH_COOKIE, tokens.refresh, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: secure(c),
    path: cookiePath(c),
    maxAge: REFRESH_SECONDS,
  });
  setCookie(c, SESSION_HINT_COOKIE, '1', { sameSite: 'Strict', secure: secure(c), path: rootPath(c), maxAge: REFRESH_SECONDS });
  return { ...tokens, refresh: '' };
}

export function clearRefresh(c: Context<AppEnv>): void {
  deleteCookie(c, REFRESH_COOKIE, { path: cookiePath(c), secure: secure(c), httpOnly: true, sameSite: 'Strict' });
  deleteCookie(c, SESSION_HINT_COOKIE, { path: rootPath(c), secure: secure(c), sameSite: 'Strict' });
}
