import { describe, expect, it } from 'vitest';
import { homogeneityCompleteness } from './homogeneity';

describe('homogeneity and completeness', () => {
  it('matches known values', () => {
    // Example of the scikit-learn reference: V-measure 0.8, one class split off but no cluster mixed.
    const split = homogeneityCompleteness([0, 0, 1, 2], [0, 0, 1, 1]);
    expect(split.homogeneity).toBeCloseTo(2 / 3, 6);
    expect(split.completeness).toBeCloseTo(1, 6);
    expect(split.vMeasure).toBeCloseTo(0.8, 6);
    // One class of two split in halves: H(K|C) = ln 2 / 2 of H(K) = 1.5 ln 2 (rounded 0.6667).
    const halves = homogeneityCompleteness([0, 0, 0, 0, 1, 1, 1, 1], [0, 0, 1, 1, 2, 2, 2, 2]);
    expect(halves.homogeneity).toBe(1);
    expect(halves.completeness).toBeCloseTo(Math.log(2) / (1.5 * Math.log(2)), 6);
  });

  it('is 1 for the same partition under other names', () => {
    expect(homogeneityCompleteness([0, 0, 1, 1], ['b', 'b', 'a', 'a'])).toEqual({ homogeneity: 1, completeness: 1, vMeasure: 1 });
  });

  it('tells splitting from mixing', () => {
    const allApart = homogeneityCompleteness([0, 0, 1, 1], [0, 1, 2, 3]);
    expect(allApart.homogeneity).toBe(1);
    expect(allApart.completeness).toBeCloseTo(0.5, 6);
    const allTogether = homogeneityCompleteness([0, 0, 1, 1], [0, 0, 0, 0]);
    expect(allTogether.homogeneity).toBe(0);
    expect(allTogether.completeness).toBe(1);
    const crossed = homogeneityCompleteness([0, 0, 1, 1], [0, 1, 0, 1]);
    expect(crossed.homogeneity).toBeCloseTo(0, 9);
    expect(crossed.completeness).toBeCloseTo(0, 9);
  });

  it('refuses labelings of different lengths', () => {
    expect(() => homogeneityCompleteness([0, 1], [0])).toThrow(RangeError);
  });
});
