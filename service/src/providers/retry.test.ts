import { describe, expect, it } from 'vitest';
import { backoffDelayMs, parseRetryAfter, withRetry, type RetryPolicy } from './retry';
import { ProviderError } from './types';

const policy: RetryPolicy = { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 4, maxRetryAfterMs: 60_000 };

describe('parseRetryAfter', () => {
  it('reads retry-after-ms first, then Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(250);
    expect(parseRetryAfter(new Headers({ 'retry-after': '2' }), now)).toBe(2000);
    expect(parseRetryAfter(new Headers({ 'retry-after': '0.5' }), now)).toBe(500);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT' }), now)).toBe(30_000);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(parseRetryAfter(new Headers(), now)).toBeUndefined();
  });
});

describe('backoffDelayMs', () => {
  it('doubles per retry up to the cap, with at most 25 % taken off', () => {
    const p = { baseDelayMs: 500, maxDelayMs: 8_000 };
    for (let i = 0; i < 50; i++) {
      const first = backoffDelayMs(0, p);
      const third = backoffDelayMs(2, p);
      const late = backoffDelayMs(10, p);
      expect(first).toBeGreaterThanOrEqual(375);
      expect(first).toBeLessThanOrEqual(500);
      expect(third).toBeGreaterThanOrEqual(1_500);
      expect(third).toBeLessThanOrEqual(2_000);
      expect(late).toBeLessThanOrEqual(8_000);
    }
  });
});

describe('withRetry', () => {
  it('retries retryable errors up to maxRetries, tells onRetry, and counts the attempts', async () => {
    let calls = 0;
    const retries: Array<[string, number, number]> = [];
    const onRetry = (e: ProviderError, attempt: number, delayMs: number) => retries.push([e.kind, attempt, delayMs]);
    const err = await withRetry({ ...policy, onRetry }, undefined, async () => {
      calls++;
      throw new ProviderError('server', 'boom', { status: 503 });
    }).catch((e: ProviderError) => e);
    expect(calls).toBe(3);
    expect(err).toMatchObject({ kind: 'server', attempts: 3, message: 'boom (gave up after 3 attempts)' });
    expect(retries.map(([kind, attempt]) => [kind, attempt])).toEqual([['server', 1], ['server', 2]]);
    expect(retries.every(([, , delay]) => delay > 0 && delay <= 4)).toBe(true);
  });

  it('does not retry what will not change, nor errors that are not ProviderErrors', async () => {
    let calls = 0;
    await expect(withRetry(policy, undefined, async () => {
      calls++;
      throw new ProviderError('auth', 'bad key', { status: 401 });
    })).rejects.toMatchObject({ kind: 'auth', attempts: 1, message: 'bad key' });
    await expect(withRetry(policy, undefined, async () => {
      calls++;
      throw new TypeError('a bug');
    })).rejects.toThrow(TypeError);
    expect(calls).toBe(2);
  });

  it('waits what the provider asked for instead of the backoff', async () => {
    const delays: number[] = [];
    await withRetry({ ...policy, onRetry: (_e, _n, d) => delays.push(d) }, undefined, async (n) => {
      if (n === 0) throw new ProviderError('rate_limited', 'slow down', { status: 429, retryAfterMs: 30 });
    });
    expect(delays).toEqual([30]);
  });

  it('returns the first success', async () => {
    let calls = 0;
    const value = await withRetry(policy, undefined, async (n) => {
      calls++;
      if (n < 2) throw new ProviderError('network', 'reset');
      return 'ok';
    });
    expect([value, calls]).toEqual(['ok', 3]);
  });
});
