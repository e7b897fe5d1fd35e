/**
 * Homogeneity, completeness and their harmonic mean, the V-measure (Rosenberg & Hirschberg, 2007),
 * between known classes and predicted clusters of the same items. Homogeneity is 1 when no cluster
 * mixes classes (what a content plan needs: a cluster about two topics is useless); completeness is
 * 1 when no class is split over clusters. Together they say which way a clustering errs, which the
 * adjusted Rand index alone does not.
 */
export function homogeneityCompleteness(
  truth: ArrayLike<number | string>,
  predicted: ArrayLike<number | string>,
): { homogeneity: number; completeness: number; vMeasure: number } {
  if (truth.length !== predicted.length) throw new RangeError('both labelings must cover the same items');
  const n = truth.length;
  const joint = new Map<string, number>();
  const classes = new Map<number | string, number>();
  const clusters = new Map<number | string, number>();
  for (let i = 0; i < n; i++) {
    const key = JSON.stringify([truth[i]!, predicted[i]!]);
    joint.set(key, (joint.get(key) ?? 0) + 1);
    classes.set(truth[i]!, (classes.get(truth[i]!) ?? 0) + 1);
    clusters.set(predicted[i]!, (clusters.get(predicted[i]!) ?? 0) + 1);
  }
  const entropy = (counts: Iterable<number>) => {
    let h = 0;
    for (const m of counts) h -= (m / n) * Math.log(m / n);
    return h;
  };
  const hClass = entropy(classes.values());
  const hCluster = entropy(clusters.values());
  // Mutual information; H(C|K) = H(C) − I and H(K|C) = H(K) − I.
  let mutual = 0;
  for (const [key, m] of joint) {
    const [c, k] = JSON.parse(key) as [number | string, number | string];
    mutual += (m / n) * Math.log((m * n) / (classes.get(c)! * clusters.get(k)!));
  }
  const homogeneity = hClass === 0 ? 1 : Math.min(1, Math.max(0, mutual / hClass));
  const completeness = hCluster === 0 ? 1 : Math.min(1, Math.max(0, mutual / hCluster));
  const vMeasure = homogeneity + completeness === 0 ? 0 : (2 * homogeneity * completeness) / (homogeneity + completeness);
  return { homogeneity, completeness, vMeasure };
}
