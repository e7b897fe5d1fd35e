/**
 * What the agglomeration needs from a vector representation. Items are unit vectors, and a cluster
 * is kept as the sum of its members, which makes average linkage exact and cheap:
 * the mean cosine over all cross pairs of A and B is dot(sum A, sum B) / (|A| · |B|).
 */
export interface VectorSpace<Sum> {
  readonly size: number;
  /**
   * Whether item i can be clustered at all: a keyword of punctuation only or a zero vector cannot.
   * A keyword whose words are all unique to it has an empty vector but is still a keyword.
   */
  usable(i: number): boolean;
  single(i: number): Sum;
  /** a + b; may reuse a's storage, never b's. */
  add(a: Sum, b: Sum): Sum;
  dot(a: Sum, b: Sum): number;
  /** dot(item i, s). */
  dotItem(i: number, s: Sum): number;
}
