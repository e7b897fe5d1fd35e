import type { SlotLeases } from './slot-leases';

type Lane = { active: number; waiting: Array<() => void> };

/**
 * At most `perKey` calls at once per key (an account), first come first served; different keys do
 * not wait for each other. Within the process the callers queue here; with `shared` slot leases
 * the limit holds across every process on the database too.
 */
export class ConcurrencyLimiter {
  private readonly lanes = new Map<string, Lane>();

  constructor(
    private readonly perKey: number,
    private readonly shared?: SlotLeases,
  ) {
    if (!Number.isInteger(perKey) || perKey < 1) throw new RangeError(`perKey must be a positive integer, got ${perKey}`);
  }

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { active: 0, waiting: [] };
      this.lanes.set(key, lane);
    }
    if (lane.active < this.perKey) lane.active++;
    // A finishing call hands its slot straight to the next waiter, so `active` stays as it is.
    else await new Promise<void>((resolve) => lane.waiting.push(resolve));
    try {
      const release = await this.shared?.acquire(key, this.perKey);
      try {
        return await fn();
      } finally {
        await release?.();
      }
    } finally {
      const next = lane.waiting.shift();
      if (next) next();
      else if (--lane.active === 0) this.lanes.delete(key);
    }
  }
}
