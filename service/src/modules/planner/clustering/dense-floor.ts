import { type DenseRows, denseRow } from './dense-space';
import { seededRandom } from './random';

/** Random pairs sampled to learn how similar a model makes texts that share nothing in particular. */
const SAMPLED_PAIRS = 2000;
/** Bounds of the floor, whatever the sample says. */
const LOWEST = 0.05;
const HIGHEST = 0.95;

/**
 * The floor of the embedding graph and agglomeration, learned from the vectors: the lower quartile
 * of the cosines of random pairs of the sector's items, pairs that mostly share no topic (the lower
 * quartile rather than the median, so that a sector of two or three topics, where many random pairs
 * do share one, still sets it among the unrelated ones). Models differ in where that
 * baseline sits (text-embedding-3 puts unrelated short texts at about 0.05–0.3, ada-002 at 0.7 and
 * up, and other models lower), so a constant floor either keeps edges that say nothing or drops the
 * ones between related keywords; an edge weaker than a typical random pair carries no topic. The
 * cut itself is chosen from the graph (see modularityLevel). Seeded: the same input, the same floor.
 */
export function denseFloor(rows: DenseRows): number {
  const usable: number[] = [];
  rows.usable.forEach((u, i) => u && usable.push(i));
  if (usable.length < 3) return LOWEST;
  const random = seededRandom(usable.length);
  const sims = new Float64Array(SAMPLED_PAIRS);
  for (let s = 0; s < SAMPLED_PAIRS; s++) {
    const i = usable[Math.floor(random() * usable.length)]!;
    let j = usable[Math.floor(random() * (usable.length - 1))]!;
    if (j === i) j = usable[usable.length - 1]!;
    const a = denseRow(rows, i);
    const b = denseRow(rows, j);
    let dot = 0;
    for (let d = 0; d < rows.dims; d++) dot += a[d]! * b[d]!;
    sims[s] = dot;
  }
  sims.sort();
  return Math.min(HIGHEST, Math.max(LOWEST, sims[SAMPLED_PAIRS >> 2]!));
}
