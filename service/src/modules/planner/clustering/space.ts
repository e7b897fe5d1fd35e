/**
 * What the agglomeration needs from a vector representation. Items are unit vectors, and a cluster
 * is kept as the sum of its members, which makes average linkage exact and cheap:
 * the mean cosine over all cross pairs of A and B is dot(sum A, sum B) / (|A| · |B|).
 */
export interface VectorSpace<Sum> {
  readonly size: number;
  /** Whether item i has a usable vector (a keyword of punctuation only has none). */
  hasVector(i: number): boolean;
  single(i: number): Sum;
  /** a + b; may reuse a's storage, never b's. */
  add(a: Sum, b: Sum): Sum;
  dot(a: Sum, b: Sum): number;
  /** dot(item i, s). */
  dotItem(i: number, s: Sum): number;
}
