import { AddressNotAllowedError } from '../lib/outbound';
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

const STATUS_HINTS: Partial<Record<number, string>> = {
  401: 'the API key was refused',
  403: 'the API key was refused',
  404: 'check the base URL and the model name',
  429: 'rate limited',
};

/**
 * The error for an HTTP error answer. Its message says the status in the service's own words and
 * never quotes the answer: the server may be one the account pointed at something it should not
 * read. What the server said stays in `detail`, for the logs. `x-should-retry`, when a provider
 * sends it, overrides the usual retry rule.
 */
export function errorForStatus(status: number, what: string, opts: { headers?: Headers; detail?: string; hint?: string } = {}): ProviderError {
  const shouldRetry = opts.headers?.get('x-should-retry');
  const retryAfterMs = parseRetryAfter(opts.headers);
  const hint = opts.hint ?? STATUS_HINTS[status] ?? (status >= 500 ? 'server error' : undefined);
  return new ProviderError(kindForStatus(status), `${what}: HTTP ${status} from the provider${hint ? ` (${hint})` : ''}`, {
    status,
    ...(opts.detail ? { detail: opts.detail } : {}),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(shouldRetry === 'true' || shouldRetry === 'false' ? { retryable: shouldRetry === 'true' } : {}),
  });
}

// What each failure to connect or to read an answer is called in a message.
const FAILURES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_SOCKET: 'connection closed',
  UND_ERR_CLOSED: 'connection closed',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'timed out waiting for the answer',
  UND_ERR_BODY_TIMEOUT: 'timed out reading the answer',
};
const TIMEOUTS = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const TLS = /^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_)/;

/** The innermost errors first: the cause chain of a failed request, from the SDK or fetch down to the socket. */
function causes(err: unknown): Error[] {
  const chain: Error[] = [];
  for (let e: unknown = err; e instanceof Error && chain.length < 5; e = e.cause) chain.push(e);
  return chain.reverse();
}

/**
 * The error for a request that threw before an answer came, when it is a network failure: the
 * address refused by the outbound policy, a connect or first-byte deadline, a refused or cut
 * connection, a TLS failure. Undefined for anything else.
 */
export function networkFailure(err: unknown, what: string): ProviderError | undefined {
  const chain = causes(err);
  const blocked = chain.find((e) => e instanceof AddressNotAllowedError);
  if (blocked) return new ProviderError('not_allowed', `${what}: ${blocked.message}`, { cause: err });
  for (const e of chain) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    if (TIMEOUTS.has(code)) return new ProviderError('timeout', `${what}: ${FAILURES[code]}`, { cause: err });
    if (FAILURES[code]) return new ProviderError('network', `${what}: ${FAILURES[code]}`, { cause: err });
    if (TLS.test(code)) return new ProviderError('network', `${what}: TLS error (${code})`, { cause: err, retryable: false });
    if (code.startsWith('UND_ERR')) return new ProviderError('network', `${what}: connection failed (${code})`, { cause: err });
  }
  // undici reports a refused or cut connection as "fetch failed" and a body cut mid-way as "terminated".
  if (chain.some((e) => e instanceof TypeError && /^(fetch failed|terminated)$/.test(e.message))) {
    return new ProviderError('network', `${what}: connection failed`, { cause: err });
  }
  return undefined;
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
  const failure = networkFailure(err, what);
  if (failure) return failure;
  throw err;
}

/** "host:port" of a base URL, to say which provider failed without printing paths or keys. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
