/** Similarity edges of the k-nearest-neighbour graph, each pair once with a < b. */
export type NeighbourGraph = { a: Int32Array; b: Int32Array; similarity: Float64Array };

/** Keeps the best `k` (similarity, index) pairs seen, ties going to the lower index. */
export class TopK {
  private readonly sims: Float64Array;
  private readonly ids: Int32Array;
  size = 0;

  constructor(private readonly k: number) {
    this.sims = new Float64Array(k);
    this.ids = new Int32Array(k);
  }

  reset(): void {
    this.size = 0;
  }

  /** Worst kept similarity once full (a candidate must beat it), otherwise -Infinity. */
  get floor(): number {
    return this.size < this.k ? -Infinity : this.sims[0]!;
  }

  offer(similarity: number, id: number): void {
    if (this.size < this.k) {
      this.sims[this.size] = similarity;
      this.ids[this.size] = id;
      this.siftUp(this.size++);
    } else if (this.worse(this.sims[0]!, this.ids[0]!, similarity, id)) {
      this.sims[0] = similarity;
      this.ids[0] = id;
      this.siftDown(0);
    }
  }

  forEach(visit: (id: number, similarity: number) => void): void {
    for (let i = 0; i < this.size; i++) visit(this.ids[i]!, this.sims[i]!);
  }

  /** Whether (s1, i1) ranks below (s2, i2): the root of this min-heap is the worst kept pair. */
  private worse(s1: number, i1: number, s2: number, i2: number): boolean {
    return s1 < s2 || (s1 === s2 && i1 > i2);
  }

  private swap(x: number, y: number): void {
    const s = this.sims[x]!;
    this.sims[x] = this.sims[y]!;
    this.sims[y] = s;
    const id = this.ids[x]!;
    this.ids[x] = this.ids[y]!;
    this.ids[y] = id;
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(this.sims[i]!, this.ids[i]!, this.sims[parent]!, this.ids[parent]!)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < this.size && this.worse(this.sims[left]!, this.ids[left]!, this.sims[worst]!, this.ids[worst]!)) worst = left;
      if (right < this.size && this.worse(this.sims[right]!, this.ids[right]!, this.sims[worst]!, this.ids[worst]!)) worst = right;
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }
}

/**
 * Collects per-item neighbour lists into an undirected edge list. Similarities are symmetric, so
 * a pair found from both ends is kept once.
 */
export class EdgeCollector {
  private readonly keys: number[] = [];
  private readonly sims = new Map<number, number>();

  constructor(private readonly n: number) {}

  add(i: number, j: number, similarity: number): void {
    const key = i < j ? i * this.n + j : j * this.n + i;
    if (this.sims.has(key)) return;
    this.sims.set(key, similarity);
    this.keys.push(key);
  }

  graph(): NeighbourGraph {
    const keys = Float64Array.from(this.keys).sort();
    const a = new Int32Array(keys.length);
    const b = new Int32Array(keys.length);
    const similarity = new Float64Array(keys.length);
    for (let e = 0; e < keys.length; e++) {
      const key = keys[e]!;
      a[e] = Math.floor(key / this.n);
      b[e] = key - a[e]! * this.n;
      similarity[e] = this.sims.get(key)!;
    }
    return { a, b, similarity };
  }
}
