import { once } from 'node:events';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does to the requests it passes on to WordPress:
 * - `pass`: nothing.
 * - `lose-create-answers`: forwards a request creating a post or uploading to the media library,
 *   lets WordPress answer, then cuts the connection, as a timeout after WordPress accepted it would.
 * - `forbid-media`: answers an upload to the media library with 403, as a security plugin does.
 * - `media-too-large`: answers an upload with 413, as a web server with a small body limit does.
 * - `rest-disabled`: answers every REST request with 404, as a plugin that disables the REST API does.
 * - `without-seo-meta`: marks every request so the test mu-plugin hides the SEO meta keys.
 */
export type ProxyMode = 'pass' | 'lose-create-answers' | 'forbid-media' | 'media-too-large' | 'rest-disabled' | 'without-seo-meta';

/** A loopback HTTP proxy in front of a real WordPress, standing for network faults and firewalls. */
export async function startWordPressProxy(target: string) {
  const to = new URL(target);
  let mode: ProxyMode = 'pass';
  const seen: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const route = new URL(req.url ?? '/', 'http://x').searchParams.get('rest_route') ?? req.url ?? '';
    seen.push(`${req.method} ${route}`);
    const refusal =
      mode === 'forbid-media' && req.method === 'POST' && route === '/wp/v2/media' ? 403
      : mode === 'media-too-large' && req.method === 'POST' && route === '/wp/v2/media' ? 413
      : mode === 'rest-disabled' ? 404
      : null;
    if (refusal) {
      req.resume();
      res.writeHead(refusal, { 'content-type': 'text/html' }).end(`<h1>Refused with ${refusal}</h1>`);
      return;
    }
    const headers = { ...req.headers, host: to.host, ...(mode === 'without-seo-meta' ? { 'x-igny8-test-without-seo-meta': '1' } : {}) };
    const upstream = request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers }, (answer) => {
      if (mode === 'lose-create-answers' && req.method === 'POST' && (route === '/wp/v2/posts' || route === '/wp/v2/media')) {
        answer.resume();
        answer.on('end', () => res.socket?.destroy());
        return;
      }
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.socket?.destroy());
    req.pipe(upstream);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setMode: (m: ProxyMode) => void (mode = m),
    /** The requests seen, as `METHOD route`. */
    seen,
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}
