import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Sql } from '../db/client';
import * as q from './lease-queries';

/**
 * Slots per key (an account) shared by every process on the database: a slot is a row leased by
 * this process, renewed while held and expiring `ttlSeconds` after a process that held it died.
 * A caller finding every slot taken polls, backing off up to `maxPollMs`.
 */
export class SlotLeases {
  readonly holder = `${hostname()}:${process.pid}:${randomUUID()}`;
  #held = 0;
  #renewal: NodeJS.Timeout | null = null;

  constructor(
    private readonly sql: Sql,
    private readonly ttlSeconds: number,
    private readonly maxPollMs = 500,
  ) {}

  /** Waits for a slot of `key` among `limit`; returns the function that gives it back. */
  async acquire(key: string, limit: number): Promise<() => Promise<void>> {
    let pause = 10;
    for (;;) {
      const slot = await q.takeSlot(this.sql, key, limit, this.holder, this.ttlSeconds);
      if (slot !== null) return this.#hold(key, slot);
      await sleep(pause * (0.5 + Math.random()));
      pause = Math.min(pause * 2, this.maxPollMs);
    }
  }

  #hold(key: string, slot: number) {
    if (this.#held++ === 0) {
      this.#renewal = setInterval(() => void q.renewSlots(this.sql, this.holder, this.ttlSeconds).catch(() => {}), (this.ttlSeconds * 1000) / 3);
      this.#renewal.unref();
    }
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      if (--this.#held === 0 && this.#renewal) clearInterval(this.#renewal);
      // A release that fails leaves the lease to expire.
      await q.releaseSlot(this.sql, key, slot, this.holder).catch(() => {});
    };
  }
}
