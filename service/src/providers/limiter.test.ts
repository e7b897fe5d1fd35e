import { describe, expect, it } from 'vitest';
import { ConcurrencyLimiter } from './limiter';

/** A task that runs until released, recording how many of its key run at once. */
function gate() {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  return { done, release };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('ConcurrencyLimiter', () => {
  it('runs at most perKey calls of one key at once, in arrival order', async () => {
    const limiter = new ConcurrencyLimiter(2);
    const gates = Array.from({ length: 5 }, gate);
    const started: number[] = [];
    let running = 0;
    let peak = 0;
    const runs = gates.map((g, i) =>
      limiter.run('account-a', async () => {
        started.push(i);
        peak = Math.max(peak, ++running);
        await g.done;
        running--;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);

    gates[1]!.release();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.release();
    await expect(Promise.all(runs)).resolves.toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
  });

  it('does not make one key wait for another', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const busy = gate();
    const a1 = limiter.run('account-a', () => busy.done);
    let a2Started = false;
    const a2 = limiter.run('account-a', async () => {
      a2Started = true;
    });
    await expect(limiter.run('account-b', async () => 'b ran')).resolves.toBe('b ran');
    expect(a2Started).toBe(false);
    busy.release();
    await Promise.all([a1, a2]);
    expect(a2Started).toBe(true);
  });

  it('frees the slot when a call fails', async () => {
    const limiter = new ConcurrencyLimiter(1);
    await expect(limiter.run('k', async () => Promise.reject(new Error('provider down')))).rejects.toThrow('provider down');
    await expect(limiter.run('k', async () => 'next')).resolves.toBe('next');
  });

  it('refuses a limit below one', () => {
    expect(() => new ConcurrencyLimiter(0)).toThrow(RangeError);
  });
});
