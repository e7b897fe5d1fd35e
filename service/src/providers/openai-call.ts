import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { errorForStatus, errorForThrown, hostOf, networkFailure } from './errors';
import { attemptSignal, DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry';
import { ProviderError } from './types';

export type OpenAISettings = {
  baseUrl?: string;
  apiKey: string;
  textModel: string;
  embeddingModel: string;
  imageModel: string;
  /**
   * How requests go out: the outbound fetch that fits where `baseUrl` came from (guarded when an
   * account chose it). Image downloads use it too.
   */
  fetch: typeof globalThis.fetch;
  /** Per request, including reading the answer. */
  timeoutMs?: number;
  /** Further tries after the first, for transport failures and for unusable answers alike. */
  maxRetries?: number;
  /** First backoff delay when the provider does not say how long to wait. */
  retryBaseDelayMs?: number;
  onRetry?: RetryPolicy['onRetry'];
  /** Inputs per embeddings request. */
  embeddingBatchSize?: number;
};

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
const DEFAULT_TIMEOUT_MS = 120_000;

export type OpenAIContext = {
  client: OpenAI;
  settings: OpenAISettings;
  host: string;
  timeoutMs: number;
  policy: RetryPolicy;
};

/**
 * A failed request as the SDK receives it from `sdkFetch`. The SDK takes any error whose text
 * mentions a timeout for its own time limit and drops the cause, so a connect or first-byte
 * deadline would read "no answer within 120000 ms"; this wrapper's plain words keep the original
 * error (outside `cause`, which the SDK reads too) for openAIError to describe.
 */
class FetchFailed extends Error {
  constructor(readonly original: unknown) {
    super('fetch failed');
  }
}

function sdkFetch(f: typeof globalThis.fetch): typeof globalThis.fetch {
  return async (input, init) => {
    try {
      return await f(input, init);
    } catch (err) {
      throw networkFailure(err, '') ? new FetchFailed(err) : err;
    }
  };
}

export function openAIContext(s: OpenAISettings): OpenAIContext {
  const baseURL = s.baseUrl ?? DEFAULT_BASE_URL;
  const timeoutMs = s.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // The SDK's own retry is turned off: its sleep cannot be cancelled and it obeys any Retry-After,
  // however long. withRetry does the same backoff, honours the same headers, and adds both.
  // Organization, project and admin key are null so the SDK does not take them from the process
  // environment: this client speaks for one account only.
  const client = new OpenAI({
    apiKey: s.apiKey, baseURL, organization: null, project: null, adminAPIKey: null, timeout: timeoutMs, maxRetries: 0, fetch: sdkFetch(s.fetch),
  });
  const policy = {
    ...DEFAULT_RETRY,
    ...(s.maxRetries === undefined ? {} : { maxRetries: s.maxRetries }),
    ...(s.retryBaseDelayMs === undefined ? {} : { baseDelayMs: s.retryBaseDelayMs }),
    ...(s.onRetry ? { onRetry: s.onRetry } : {}),
  };
  return { client, settings: s, host: hostOf(baseURL), timeoutMs, policy };
}

function openAIError(err: unknown, what: string, ctx: { caller?: AbortSignal; timedOut: boolean; timeoutMs: number }): ProviderError {
  ctx.caller?.throwIfAborted();
  if (err instanceof ProviderError) return err;
  if (ctx.timedOut || err instanceof APIConnectionTimeoutError) {
    return new ProviderError('timeout', `${what}: no answer within ${ctx.timeoutMs} ms`, { cause: err });
  }
  if (err instanceof APIError && typeof err.status === 'number') {
    // OpenAI answers 429 for an exhausted balance as well; waiting will not refill it.
    if (err.status === 429 && err.code === 'insufficient_quota') {
      return new ProviderError('rate_limited', `${what}: HTTP 429 from the provider (insufficient quota)`, { status: 429, retryable: false, detail: err.message });
    }
    return errorForStatus(err.status, what, { headers: err.headers, detail: err.message });
  }
  if (err instanceof APIConnectionError) {
    const original = err.cause instanceof FetchFailed ? err.cause.original : err;
    return networkFailure(original, what) ?? new ProviderError('network', `${what}: connection failed`, { cause: err });
  }
  return errorForThrown(err, what, ctx);
}

/**
 * One SDK call with this layer's timeout, retries and error kinds. `fn` may also throw a
 * ProviderError itself (an unusable answer) to have the request made again.
 */
export function callOpenAI<T>(
  ctx: OpenAIContext,
  what: string,
  caller: AbortSignal | undefined,
  fn: (opts: { signal: AbortSignal; timeout: number; maxRetries: 0 }) => Promise<T>,
): Promise<T> {
  return withRetry(ctx.policy, caller, async () => {
    const attempt = attemptSignal(ctx.timeoutMs, caller);
    try {
      return await fn({ signal: attempt.signal, timeout: ctx.timeoutMs, maxRetries: 0 });
    } catch (err) {
      throw openAIError(err, what, { caller, timedOut: attempt.timedOut(), timeoutMs: ctx.timeoutMs });
    }
  });
}

/** A model name without a router's `vendor/` prefix, lower-cased, for matching model families. */
export function modelFamily(model: string): string {
  return model.toLowerCase().replace(/^.*\//, '');
}
