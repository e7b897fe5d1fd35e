import { describe, expect, it } from 'vitest';
import { KeyFingerprints } from './key-fingerprints';

describe('key fingerprints', () => {
  it('tell a repeated key from a new one, across growth of the table', () => {
    const seen = new KeyFingerprints();
    const keys = Array.from({ length: 300_000 }, (_, i) => `running shoes ${i}`);
    expect(keys.filter((k) => seen.addRepeat(k))).toEqual([]);
    expect(seen.addRepeat('running shoes 0')).toBe(true);
    expect(seen.addRepeat('running shoes 299999')).toBe(true);
    expect(seen.addRepeat('running shoes 300000')).toBe(false);
    expect(seen.addRepeat('')).toBe(false);
    expect(seen.addRepeat('')).toBe(true);
  });
});
