import type { SlotLeases } from './slot-leases';

type Release = () => Promise<void>;
/** A waiter is woken with the slot of the call that finished, and the shared lease it still holds. */
type Lane = { active: number; waiting: Array<(lease: Release | undefined) => void> };

/**
 * At most `perKey` calls at once per key (an account), first come first served; different keys do
 * not wait for each other. Within the process the callers queue here; with `shared` slot leases
 * the limit holds across every process on the database too. A finishing call hands its lease to
 * the next caller of the process instead of giving it back and taking it again: a busy account
 * pays the database round trips once per slot, not twice per call.
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
    let lease: Release | undefined;
    if (lane.active < this.perKey) lane.active++;
    // A finishing call hands its slot straight to the next waiter, so `active` stays as it is.
    else lease = await new Promise<Release | undefined>((resolve) => lane.waiting.push(resolve));
    try {
      lease ??= await this.shared?.acquire(key, this.perKey);
      return await fn();
    } finally {
      let next = lane.waiting.shift();
      if (!next && lease) {
        await lease();
        lease = undefined;
        // Someone may have queued while the lease went back: the slot is theirs, the lease to take again.
        next = lane.waiting.shift();
      }
      if (next) next(lease);
      else if (--lane.active === 0) this.lanes.delete(key);
    }
  }
}
