import { parseRetryAfter } from './retry';
import { ProviderError, type ProviderErrorKind } from './types';

function kindForStatus(status: number): ProviderErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate_limited';
  // 409 is how some gateways report a lock timeout: worth another try, like a 5xx.
  if (status === 409 || status >= 500) return 'server';
  return 'invalid_request';
}

/** The error for an HTTP error answer; `x-should-retry`, when a provider sends it, overrides the usual rule. */
export function errorForStatus(status: number, message: string, headers?: Headers): ProviderError {
  const shouldRetry = headers?.get('x-should-retry');
  const retryAfterMs = parseRetryAfter(headers);
  return new ProviderError(kindForStatus(status), message, {
    status,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(shouldRetry === 'true' || shouldRetry === 'false' ? { retryable: shouldRetry === 'true' } : {}),
  });
}

const CONNECTION_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function isConnectionFailure(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('UND_ERR'))) return true;
    // undici reports a refused or cut connection as "fetch failed" and a body cut mid-way as "terminated".
    if (e instanceof TypeError && /^(fetch failed|terminated)$/.test(e.message)) return true;
  }
  return false;
}

/**
 * The error for a request that threw instead of answering. The caller's own abort is rethrown as
 * is (the caller chose it; nothing to retry); anything unrecognised is rethrown too, so a bug is not
 * retried as if it were a network problem.
 */
export function errorForThrown(
  err: unknown,
  what: string,
  ctx: { caller?: AbortSignal; timedOut: boolean; timeoutMs: number },
): ProviderError {
  ctx.caller?.throwIfAborted();
  if (err instanceof ProviderError) return err;
  if (ctx.timedOut) return new ProviderError('timeout', `${what}: no answer within ${ctx.timeoutMs} ms`, { cause: err });
  if (err instanceof SyntaxError) return new ProviderError('bad_response', `${what}: the answer is not valid JSON`, { cause: err });
  if (isConnectionFailure(err)) return connectionError(err, what);
  throw err;
}

export function connectionError(err: unknown, what: string): ProviderError {
  return new ProviderError('network', `${what}: connection failed (${describeCause(err)})`, { cause: err });
}

function describeCause(err: unknown): string {
  let e: unknown = err;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}

/** "host:port" of a base URL, to say which provider failed without printing paths or keys. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
