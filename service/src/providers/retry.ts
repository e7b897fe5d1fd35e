import { setTimeout as sleep } from 'node:timers/promises';
import { ProviderError } from './types';

export type RetryPolicy = {
  /** Further tries after the first one. */
  maxRetries: number;
  /** First backoff delay; it doubles on each retry. */
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * A provider asking for a longer pause than this gets an error instead of a sleeping worker: the
   * job queue can reschedule the work, while an in-process sleep holds a worker slot.
   */
  maxRetryAfterMs: number;
  /** Told before each retry's pause, so slow runs can be explained in the logs. */
  onRetry?: (err: ProviderError, attempt: number, delayMs: number) => void;
};

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 };

/** Exponential backoff with up to 25 % jitter taken off, so clients that failed together spread out. */
export function backoffDelayMs(retry: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>): number {
  const delay = Math.min(policy.baseDelayMs * 2 ** retry, policy.maxDelayMs);
  return delay * (1 - Math.random() * 0.25);
}

/** The pause a response asks for: `retry-after-ms`, else `Retry-After` in seconds or as an HTTP date. */
export function parseRetryAfter(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number.parseFloat(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Runs `attempt` until it succeeds, retrying retryable ProviderErrors with backoff (or the pause the
 * provider asked for). The sleep ends early when `signal` aborts; anything that is not a
 * ProviderError (an abort, a bug) is passed through untouched.
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  signal: AbortSignal | undefined,
  attempt: (n: number) => Promise<T>,
): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (!(err instanceof ProviderError)) throw err;
      err.attempts = n + 1;
      const tooLong = err.retryAfterMs !== undefined && err.retryAfterMs > policy.maxRetryAfterMs;
      if (!err.retryable || n >= policy.maxRetries || tooLong) {
        if (n > 0) err.message += ` (gave up after ${n + 1} attempts)`;
        throw err;
      }
      const delayMs = err.retryAfterMs ?? backoffDelayMs(n, policy);
      policy.onRetry?.(err, n + 1, delayMs);
      await sleep(delayMs, undefined, signal ? { signal } : undefined).catch(
        (sleepErr: unknown) => {
          signal?.throwIfAborted();
          throw sleepErr;
        },
      );
    }
  }
}

/**
 * The signal for one request: aborts on the caller's signal or when `timeoutMs` has passed,
 * whichever comes first. `timedOut()` tells the two apart afterwards.
 */
export function attemptSignal(timeoutMs: number, caller?: AbortSignal): { signal: AbortSignal; timedOut: () => boolean } {
  const timer = AbortSignal.timeout(timeoutMs);
  return {
    signal: caller ? AbortSignal.any([caller, timer]) : timer,
    timedOut: () => timer.aborted && !caller?.aborted,
  };
}
