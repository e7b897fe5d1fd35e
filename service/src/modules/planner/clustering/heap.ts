/**
 * A binary max-heap of candidate merges, kept in typed arrays because a large run pushes millions
 * of them. Entries compare by similarity, then by the two cluster indices, so that equal
 * similarities always pop in the same order and the result is repeatable.
 */
export type MergeCandidate = { similarity: number; a: number; b: number; versionA: number; versionB: number };

export class MergeHeap {
  private similarity = new Float64Array(1024);
  private ints = new Int32Array(4 * 1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(entry: MergeCandidate): void {
    if (this.count === this.similarity.length) this.grow();
    this.write(this.count, entry.similarity, entry.a, entry.b, entry.versionA, entry.versionB);
    this.siftUp(this.count++);
  }

  pop(): MergeCandidate | undefined {
    if (this.count === 0) return undefined;
    const ints = this.ints;
    const top = { similarity: this.similarity[0]!, a: ints[0]!, b: ints[1]!, versionA: ints[2]!, versionB: ints[3]! };
    const last = --this.count;
    if (last > 0) {
      this.write(0, this.similarity[last]!, ints[4 * last]!, ints[4 * last + 1]!, ints[4 * last + 2]!, ints[4 * last + 3]!);
      this.siftDown(0);
    }
    return top;
  }

  private grow(): void {
    const similarity = new Float64Array(this.similarity.length * 2);
    similarity.set(this.similarity);
    const ints = new Int32Array(this.ints.length * 2);
    ints.set(this.ints);
    this.similarity = similarity;
    this.ints = ints;
  }

  private write(at: number, similarity: number, a: number, b: number, versionA: number, versionB: number): void {
    this.similarity[at] = similarity;
    this.ints[4 * at] = a;
    this.ints[4 * at + 1] = b;
    this.ints[4 * at + 2] = versionA;
    this.ints[4 * at + 3] = versionB;
  }

  private before(x: number, y: number): boolean {
    const sx = this.similarity[x]!;
    const sy = this.similarity[y]!;
    if (sx !== sy) return sx > sy;
    const ints = this.ints;
    if (ints[4 * x] !== ints[4 * y]) return ints[4 * x]! < ints[4 * y]!;
    return ints[4 * x + 1]! < ints[4 * y + 1]!;
  }

  private swap(x: number, y: number): void {
    const s = this.similarity[x]!;
    this.similarity[x] = this.similarity[y]!;
    this.similarity[y] = s;
    const ints = this.ints;
    for (let k = 0; k < 4; k++) {
      const v = ints[4 * x + k]!;
      ints[4 * x + k] = ints[4 * y + k]!;
      ints[4 * y + k] = v;
    }
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.count) return;
      const right = left + 1;
      const child = right < this.count && this.before(right, left) ? right : left;
      if (!this.before(child, i)) return;
      this.swap(i, child);
      i = child;
    }
  }
}
