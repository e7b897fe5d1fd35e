import { errorForThrown, hostOf } from './errors';
import { attemptSignal } from './retry';
import { ProviderError } from './types';

/** Where a site's WordPress is and the application password the service publishes with. */
export type WordPressLogin = { url: string; username: string; password: string };

export type WordPressMedia = { id: number; source_url: string; slug: string };
export type WordPressPost = { id: number; link: string; slug: string; status: string };

type Call = {
  method?: string;
  query?: Record<string, string>;
  json?: unknown;
  body?: Uint8Array;
  headers?: Record<string, string>;
  /** What the request does, in a user's words: "uploading the image …". */
  what: string;
  /** Answer null instead of failing when WordPress says there is no such object. */
  missingIsNull?: boolean;
};

/** WordPress's error answer: `{code, message, data: {status, …}}`. */
type WpError = { code?: unknown; data?: { term_id?: unknown } };

/**
 * The narrow part of the WordPress REST API that publishing needs, with the site's application
 * password (Basic auth). Requests go through the fetch it is given — the guarded outbound fetch,
 * which refuses private addresses unless the operator allows them — each within `timeoutMs`.
 * Routes are addressed with `?rest_route=`, which works whatever the site's permalink setting.
 * Failures are ProviderErrors whose message tells a user what to fix; they never quote the site.
 */
export class WordPressClient {
  private readonly base: string;
  private readonly auth: string;

  constructor(
    private readonly login: WordPressLogin,
    private readonly opts: { fetch: typeof globalThis.fetch; timeoutMs: number },
  ) {
    this.base = login.url.replace(/\/+$/, '');
    this.auth = `Basic ${Buffer.from(`${login.username}:${login.password.replace(/\s+/g, '')}`).toString('base64')}`;
  }

  /** The user the application password belongs to: proves the address and the credentials work. */
  async me(): Promise<{ id: number; capabilities: Record<string, boolean> }> {
    return (await this.call('/wp/v2/users/me', { query: { context: 'edit' }, what: 'checking the application password' }))!;
  }

  /** The attachment with this slug, in any status, or null. */
  async findMedia(slug: string): Promise<WordPressMedia | null> {
    const found = await this.call<WordPressMedia[]>('/wp/v2/media', {
      query: { slug, status: 'inherit,private', context: 'edit', _fields: 'id,source_url,slug' }, what: 'looking for an image in the media library',
    });
    return found?.[0] ?? null;
  }

  async getMedia(id: number): Promise<WordPressMedia | null> {
    return this.call(`/wp/v2/media/${id}`, { query: { context: 'edit', _fields: 'id,source_url,slug' }, what: 'reading an image of the media library', missingIsNull: true });
  }

  async uploadMedia(m: { slug: string; filename: string; mime: string; bytes: Uint8Array; title: string; alt: string; caption: string }): Promise<WordPressMedia> {
    return (await this.call('/wp/v2/media', {
      method: 'POST',
      body: m.bytes,
      headers: { 'content-type': m.mime, 'content-disposition': `attachment; filename="${m.filename}"` },
      query: { slug: m.slug, title: m.title, alt_text: m.alt, caption: m.caption, _fields: 'id,source_url,slug' },
      what: `uploading the image ${m.filename}`,
    }))!;
  }

  /** The post with this slug, in any status (drafts and trash included), or null. */
  async findPost(slug: string): Promise<WordPressPost | null> {
    const found = await this.call<WordPressPost[]>('/wp/v2/posts', {
      query: { slug, status: 'any', context: 'edit', _fields: 'id,link,slug,status' }, what: 'looking for the post',
    });
    return found?.[0] ?? null;
  }

  async getPost(id: number): Promise<WordPressPost | null> {
    return this.call(`/wp/v2/posts/${id}`, { query: { context: 'edit', _fields: 'id,link,slug,status' }, what: 'reading the post', missingIsNull: true });
  }

  /** Creates a post (id null) or updates one. */
  async savePost(id: number | null, fields: Record<string, unknown>): Promise<WordPressPost> {
    return (await this.call(id === null ? '/wp/v2/posts' : `/wp/v2/posts/${id}`, {
      method: 'POST', json: fields, query: { _fields: 'id,link,slug,status' }, what: id === null ? 'creating the post' : 'updating the post',
    }))!;
  }

  /** The post meta keys the site exposes through REST (from the schema of the posts route). */
  async postMetaKeys(): Promise<Set<string>> {
    const options = await this.call<{ schema?: { properties?: { meta?: { properties?: Record<string, unknown> } } } }>('/wp/v2/posts', {
      method: 'OPTIONS', what: 'reading which post fields the site accepts',
    });
    return new Set(Object.keys(options?.schema?.properties?.meta?.properties ?? {}));
  }

  /** The id of the category or tag with this name, created when the site has none. */
  async termId(taxonomy: 'categories' | 'tags', name: string): Promise<number> {
    try {
      return (await this.call<{ id: number }>(`/wp/v2/${taxonomy}`, { method: 'POST', json: { name }, what: `adding the ${taxonomy === 'tags' ? 'tag' : 'category'} “${name}”` }))!.id;
    } catch (err) {
      // The usual case after the first publish: WordPress names the existing term.
      const existing = err instanceof WordPressError ? Number(err.wpError?.data?.term_id) : NaN;
      if (Number.isInteger(existing) && existing > 0) return existing;
      throw err;
    }
  }

  private async call<T>(route: string, c: Call): Promise<T | null> {
    const url = new URL(`${this.base}/`);
    url.searchParams.set('rest_route', route);
    for (const [k, v] of Object.entries(c.query ?? {})) url.searchParams.set(k, v);
    const what = `${c.what} on ${hostOf(this.base)}`;
    const attempt = attemptSignal(this.opts.timeoutMs);
    try {
      const res = await this.opts.fetch(url, {
        method: c.method ?? 'GET',
        headers: { authorization: this.auth, accept: 'application/json', ...(c.json !== undefined ? { 'content-type': 'application/json' } : {}), ...c.headers },
        body: c.json !== undefined ? JSON.stringify(c.json) : (c.body as NonNullable<Parameters<typeof globalThis.fetch>[1]>['body']),
        signal: attempt.signal,
        redirect: 'follow',
      });
      const text = await res.text();
      let data: unknown;
      try {
        data = text ? JSON.parse(text) : null;
      } catch {
        data = undefined;
      }
      if (res.ok) {
        if (data === undefined) throw new ProviderError('bad_response', `${what}: the site did not answer with JSON; check that its address is the WordPress address and that its REST API is enabled.`);
        return data as T;
      }
      const wpError = data && typeof data === 'object' ? (data as WpError) : undefined;
      const code = typeof wpError?.code === 'string' ? wpError.code : '';
      if (c.missingIsNull && res.status === 404 && /invalid_id|invalid_post_id|post_invalid/.test(code)) return null;
      throw statusError(res.status, what, this.login, code, wpError);
    } catch (err) {
      if (err instanceof ProviderError) throw err;
      const failure = errorForThrown(err, what, { timedOut: attempt.timedOut(), timeoutMs: this.opts.timeoutMs });
      if (failure.kind !== 'not_allowed') throw failure;
      throw new ProviderError('not_allowed', `${failure.message}. The site's address is on a private or reserved network, which this service reaches only when its operator allows private networks (IGNY8_ALLOW_PRIVATE_NETWORK).`, { cause: err });
    }
  }
}

/** An error answer of WordPress; keeps its body for lookups such as `term_exists`, never for messages. */
export class WordPressError extends ProviderError {
  constructor(
    kind: ConstructorParameters<typeof ProviderError>[0],
    message: string,
    opts: { status: number; detail?: string },
    readonly wpError?: WpError,
  ) {
    super(kind, message, opts);
  }
}

function statusError(status: number, what: string, login: WordPressLogin, code: string, wpError: WpError | undefined): WordPressError {
  const opts = { status, detail: code };
  // WordPress error codes are short snake_case names; shown as a hint, never WordPress's own text.
  const wpCode = /^[a-z0-9_]{1,60}$/.test(code) ? ` (${code})` : '';
  switch (status) {
    case 401:
      return new WordPressError('auth', `${what}: WordPress refused the application password of ${login.username} (HTTP 401). Make a new application password in WordPress (Users → Profile) and save it on the site.`, opts, wpError);
    case 403:
      return new WordPressError('auth', `${what}: WordPress answered 403 Forbidden${wpCode}. The user ${login.username} may lack the right to do this, or a security plugin or firewall blocks REST API requests: allow them for this user.`, opts, wpError);
    case 404:
      return new WordPressError('invalid_request', `${what}: WordPress answered 404 Not Found${wpCode}. Check the site address (${login.url}) and that the REST API is not disabled.`, opts, wpError);
    case 413:
      return new WordPressError('invalid_request', `${what}: the WordPress server refused the file as too large (HTTP 413). Raise its upload limit (upload_max_filesize, post_max_size, the web server's body size) or use smaller images.`, opts, wpError);
    default:
      if (status >= 500) return new WordPressError('server', `${what}: the WordPress server failed (HTTP ${status}); try again later, or look at the site's error log.`, opts, wpError);
      return new WordPressError('invalid_request', `${what}: WordPress refused the request (HTTP ${status}${wpCode ? `,${wpCode.slice(1, -1)}` : ''}).`, opts, wpError);
  }
}
