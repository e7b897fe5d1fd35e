import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import type { AppEnv } from '../context';
import { DASHBOARD_DIR } from '../paths';

export { DASHBOARD_DIR };

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.txt']);

/**
 * The page's own scripts only, no inline script; the component library writes its styles at run
 * time (emotion), hence inline styles. Nothing may frame the page or be loaded from elsewhere.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The file a URL path names under `root`, or null for one that is malformed or climbs out of it. */
function inside(root: string, path: string): string | null {
  try {
    const file = resolve(root, `.${decodeURIComponent(path)}`);
    return file.startsWith(root + sep) ? file : null;
  } catch {
    return null;
  }
}

type File = { body: Buffer; gzip: Buffer | null; type: string };

/**
 * Serves the single-page dashboard for GET and HEAD requests that no API route answered: files of
 * `assets/` (content-hashed names, cached for a year), anything else the app's index.html (never
 * cached, so a new build is picked up at once) for its client-side routes. Files are read once and
 * kept in memory, gzipped when that helps.
 */
export function dashboardServer(dir = DASHBOARD_DIR) {
  const root = resolve(dir);
  const cache = new Map<string, Promise<File | null>>();

  const load = (path: string, keep = true) => {
    let file = cache.get(path);
    if (!file) {
      file = readFile(path).then(
        (body) => {
          const ext = extname(path);
          const gzip = COMPRESSIBLE.has(ext) && body.length > 1024 ? gzipSync(body) : null;
          return { body, gzip, type: TYPES[ext] ?? 'application/octet-stream' };
        },
        () => null,
      );
      // A missing file is looked for again next time: the build may land after start-up.
      if (keep) void file.then((f) => f ?? cache.delete(path));
      if (keep) cache.set(path, file);
    }
    return file;
  };

  const send = (c: Context<AppEnv>, file: File, headers: Record<string, string>) => {
    const gzip = file.gzip && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
    const body = gzip ? file.gzip! : file.body;
    const all: Record<string, string> = { 'Content-Type': file.type, Vary: 'Accept-Encoding', ...headers };
    if (gzip) all['Content-Encoding'] = 'gzip';
    return c.req.method === 'HEAD' ? c.body(null, 200, all) : c.body(new Uint8Array(body), 200, all);
  };

  /** The answer for this request, or null when it is not the dashboard's (the caller answers 404). */
  return async (c: Context<AppEnv>): Promise<Response | null> => {
    const { method, path } = c.req;
    if ((method !== 'GET' && method !== 'HEAD') || path === '/api' || path.startsWith('/api/')) return null;
    // Hashed assets never change under their name; other files (a path whose last segment has a
    // dot) may, and are not client-side routes either.
    const hashed = path.startsWith('/assets/');
    if (hashed || (/\.[a-z0-9]+$/i.test(path) && path !== '/index.html')) {
      const file = inside(root, path);
      const found = file ? await load(file) : null;
      return found ? send(c, found, { 'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=3600' }) : null;
    }
    // Read afresh each time: it is small, and it names the assets of the newest build.
    const index = await load(resolve(root, 'index.html'), false);
    if (!index) return null;
    return send(c, index, { 'Cache-Control': 'no-store', 'Content-Security-Policy': DASHBOARD_CSP, 'X-Frame-Options': 'DENY' });
  };
}
