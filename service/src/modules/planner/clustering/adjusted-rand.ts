/**
 * Adjusted Rand index between two labelings of the same items (Hubert & Arabie): 1 for identical
 * partitions, about 0 for a chance agreement. Used to measure clustering against known families.
 */
export function adjustedRandIndex(truth: ArrayLike<number | string>, predicted: ArrayLike<number | string>): number {
  if (truth.length !== predicted.length) throw new RangeError('both labelings must cover the same items');
  const n = truth.length;
  const pairs = (m: number) => (m * (m - 1)) / 2;
  const joint = new Map<string, number>();
  const rows = new Map<number | string, number>();
  const cols = new Map<number | string, number>();
  for (let i = 0; i < n; i++) {
    const t = truth[i]!;
    const p = predicted[i]!;
    const key = JSON.stringify([t, p]);
    joint.set(key, (joint.get(key) ?? 0) + 1);
    rows.set(t, (rows.get(t) ?? 0) + 1);
    cols.set(p, (cols.get(p) ?? 0) + 1);
  }
  let index = 0;
  for (const m of joint.values()) index += pairs(m);
  let rowPairs = 0;
  for (const m of rows.values()) rowPairs += pairs(m);
  let colPairs = 0;
  for (const m of cols.values()) colPairs += pairs(m);
  const total = pairs(n);
  if (total === 0) return 1;
  const expected = (rowPairs * colPairs) / total;
  const max = (rowPairs + colPairs) / 2;
  // Both labelings put every item alone, or both put all together: they agree perfectly.
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}
