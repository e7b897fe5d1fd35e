import { EventEmitter } from 'node:events';
import type { Sql } from '../../db/client';

/**
 * Fans out the database's `igny8_ai_runs` notifications (sent when a run's row changes) to the
 * server-sent-event streams of this process, over one LISTEN connection.
 */
export class RunEvents {
  readonly #emitter = new EventEmitter();
  #listening: ReturnType<Sql['listen']> | null = null;

  constructor(private readonly sql: Sql) {
    this.#emitter.setMaxListeners(0);
  }

  async subscribe(runId: string, onChange: () => void): Promise<() => void> {
    this.#listening ??= this.sql.listen('igny8_ai_runs', (id) => this.#emitter.emit(id));
    await this.#listening;
    this.#emitter.on(runId, onChange);
    return () => this.#emitter.off(runId, onChange);
  }

  async close(): Promise<void> {
    const listening = this.#listening;
    this.#listening = null;
    if (listening) await (await listening).unlisten().catch(() => {});
  }
}
