/**
 * A binary max-heap of candidate merges. Entries compare by similarity, then by the two cluster
 * indices, so that equal similarities always pop in the same order and the result is repeatable.
 */
export type MergeCandidate = { similarity: number; a: number; b: number; versionA: number; versionB: number };

function before(x: MergeCandidate, y: MergeCandidate): boolean {
  if (x.similarity !== y.similarity) return x.similarity > y.similarity;
  if (x.a !== y.a) return x.a < y.a;
  return x.b < y.b;
}

export class MergeHeap {
  private readonly items: MergeCandidate[] = [];

  get size(): number {
    return this.items.length;
  }

  push(entry: MergeCandidate): void {
    const items = this.items;
    items.push(entry);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, items[parent]!)) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = entry;
  }

  pop(): MergeCandidate | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let i = 0;
    const n = items.length;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && before(items[right]!, items[left]!) ? right : left;
      if (!before(items[child]!, last)) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
    return top;
  }
}
