import { createHash } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { Context } from 'hono';
import type { AppEnv } from '../context';
import { ApiError } from './errors';

/** The scheme of site-signed requests (`Authorization: IGNY8-Site <jws>`). */
export const SITE_SCHEME = /^IGNY8-Site\s+(\S+)$/i;

const sha256 = (data: string | Uint8Array = '') => createHash('sha256').update(data).digest('base64url');
const EMPTY_BODY = sha256();

const mismatch = () => new ApiError('invalid_token', 'The request body differs from the one that was signed.');

/**
 * The SHA-256 of a request body, taken as the body is read by whoever reads it, so that a signed
 * upload is hashed on its way through the route and never held whole.
 */
class BodyDigest {
  readonly #hash = createHash('sha256');
  #expected: string | null = null;
  /** Base64url digest once the body has been read to its end. */
  value: string | null = null;

  stream(): TransformStream<Uint8Array, Uint8Array> {
    return new TransformStream({
      transform: (chunk, controller) => {
        this.#hash.update(chunk);
        controller.enqueue(chunk);
      },
      flush: (controller) => {
        this.value = this.#hash.digest('base64url');
        // The reader sees an error instead of the body's end, so its transaction rolls back.
        if (this.#expected !== null && this.value !== this.#expected) controller.error(mismatch());
      },
    });
  }

  /** Checks the rest of the body against `expected` as it is read. */
  expect(expected: string): void {
    if (this.value !== null && this.value !== expected) throw mismatch();
    this.#expected = expected;
  }
}

/**
 * Routes a signed request's body through a digest before anything reads it (size limits, JSON
 * checks, the route). Runs first; requests that are not site-signed pass untouched.
 */
export const digestSignedBody = createMiddleware<AppEnv>(async (c, next) => {
  const raw = c.req.raw;
  if (!raw.body || !SITE_SCHEME.test(c.req.header('authorization') ?? '')) return next();
  const digest = new BodyDigest();
  c.req.raw = new Request(raw, { body: raw.body.pipeThrough(digest.stream()), duplex: 'half' } as RequestInit);
  c.set('bodyDigest', digest);
  return next();
});

/**
 * Holds the request to the body hash it was signed with (`bh`). A JSON body (bounded by the body
 * limit) is read and checked now, before the route acts; an upload of any other type is checked as
 * it streams, and fails at its end if it differs.
 */
export async function checkSignedBody(c: Context<AppEnv>, bh: string): Promise<void> {
  const digest = c.get('bodyDigest');
  if (!digest) {
    if (bh !== EMPTY_BODY) throw mismatch();
    return;
  }
  const type = c.req.header('content-type') ?? '';
  if (type && !/json/i.test(type)) {
    digest.expect(bh);
    return;
  }
  await c.req.arrayBuffer();
  if (digest.value !== bh) throw mismatch();
}

export type { BodyDigest };
