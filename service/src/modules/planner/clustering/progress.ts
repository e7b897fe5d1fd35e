/**
 * Turns per-item callbacks of the three phases (vectors, neighbours, merges) into a throttled
 * done/total report, about a hundred calls per run whatever its size.
 */
export function progressReporter(n: number, onProgress?: (done: number, total: number) => void) {
  const total = Math.max(1, 3 * n);
  const step = Math.max(1, Math.floor(total / 100));
  let last = -1;
  const report = (done: number) => {
    if (!onProgress) return;
    if (done === total || done - last >= step) {
      last = done;
      onProgress(done, total);
    }
  };
  return {
    phase(index: 0 | 1 | 2) {
      const base = index * n;
      return (done: number) => report(base + Math.min(done, n));
    },
    finish: () => report(total),
  };
}
