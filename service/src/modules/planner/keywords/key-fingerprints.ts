/**
 * Whether a key was seen before, kept as two 32-bit hashes per key in an open-addressed table
 * (8 bytes a key, 16 MB at a million) instead of the keys themselves. Two different keys share
 * both hashes about once in 2^64 pairs; if they ever did, the caller only takes its slower path
 * for duplicates (see importKeywords), never a wrong one.
 */
export class KeyFingerprints {
  private high = new Uint32Array(1 << 12);
  private low = new Uint32Array(1 << 12);
  private count = 0;

  /** Adds the key; true when it (or a key with the same fingerprint) was there already. */
  addRepeat(key: string): boolean {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    // Zero marks an empty slot in `high`.
    h1 = (h1 >>> 0) || 1;
    h2 >>>= 0;
    if (this.find(h1, h2)) return true;
    if (2 * (this.count + 1) > this.high.length) this.grow();
    this.put(h1, h2);
    this.count++;
    return false;
  }

  private find(h1: number, h2: number): boolean {
    const mask = this.high.length - 1;
    for (let slot = (h1 ^ h2) & mask; this.high[slot] !== 0; slot = (slot + 1) & mask) {
      if (this.high[slot] === h1 && this.low[slot] === h2) return true;
    }
    return false;
  }

  private put(h1: number, h2: number): void {
    const mask = this.high.length - 1;
    let slot = (h1 ^ h2) & mask;
    while (this.high[slot] !== 0) slot = (slot + 1) & mask;
    this.high[slot] = h1;
    this.low[slot] = h2;
  }

  private grow(): void {
    const [high, low] = [this.high, this.low];
    this.high = new Uint32Array(high.length * 2);
    this.low = new Uint32Array(low.length * 2);
    for (let s = 0; s < high.length; s++) if (high[s] !== 0) this.put(high[s]!, low[s]!);
  }
}
