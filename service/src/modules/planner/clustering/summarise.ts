import type { VectorSpace } from './space';

export type Summary = {
  /** Members, most central first. */
  members: number[];
  pillar: number;
  totalVolume: number;
  avgDifficulty: number | null;
  cohesion: number;
};

/**
 * Members within this fraction of the most central member's similarity to the centroid count as
 * "central" for the pillar choice. Close variants of the head term ("running shoes", "best running
 * shoes") sit inside the band; a high-volume side topic that happened to join does not.
 */
export const PILLAR_BAND = 0.9;

/**
 * Cluster figures from its member sum. Cohesion is the mean cosine of the members to the centroid:
 * with unit items and sum S that is |S| / n.
 *
 * The pillar is the highest-volume member among the central ones. Centrality alone would pick the
 * plainest wording even when searchers use another one far more; volume alone would let a popular
 * but off-centre keyword ("coffee table vs coffee grinder") name the cluster. Ties go to the more
 * central member, then to input order.
 */
export function summarise<Sum>(
  space: VectorSpace<Sum>,
  members: readonly number[],
  sum: Sum,
  volume: (i: number) => number | null,
  difficulty: (i: number) => number | null,
): Summary {
  const norm = Math.sqrt(Math.max(0, space.dot(sum, sum)));
  const centrality = new Map<number, number>();
  for (const m of members) centrality.set(m, norm > 0 ? space.dotItem(m, sum) / norm : 0);
  const ordered = [...members].sort((x, y) => centrality.get(y)! - centrality.get(x)! || x - y);

  const top = centrality.get(ordered[0]!)!;
  let pillar = ordered[0]!;
  for (const m of ordered) {
    if (centrality.get(m)! < top * PILLAR_BAND) break;
    const v = volume(m) ?? -1;
    const best = volume(pillar) ?? -1;
    if (v > best) pillar = m;
  }

  let totalVolume = 0;
  let difficultySum = 0;
  let difficultyCount = 0;
  for (const m of members) {
    totalVolume += volume(m) ?? 0;
    const d = difficulty(m);
    if (d !== null) {
      difficultySum += d;
      difficultyCount++;
    }
  }
  return {
    members: ordered,
    pillar,
    totalVolume,
    avgDifficulty: difficultyCount > 0 ? difficultySum / difficultyCount : null,
    // A keyword alone is perfectly cohesive, even one whose words are all unique to it (no vector).
    cohesion: members.length === 1 ? 1 : norm / members.length,
  };
}
