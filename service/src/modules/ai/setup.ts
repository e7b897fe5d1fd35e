import type { Deps } from '../../context';
import { ConcurrencyLimiter } from '../../providers/limiter';
import { SlotLeases } from '../../providers/slot-leases';
import { Engine, type ProviderResolver } from './engine';
import { AIFunctions } from './functions';
import { accountProviders } from './providers';
import type { AIFunction } from './types';

/**
 * The engine for `functions` (the lists the owning modules export), with the account's configured
 * providers and the per-account concurrency limit, which holds across processes: a slot of a
 * process that died is free again after IGNY8_WORKER_STALE_SECONDS.
 */
export function createEngine(deps: Deps, functions: readonly AIFunction[], resolver: ProviderResolver = accountProviders(deps)): Engine {
  return new Engine(deps, new AIFunctions(functions), resolver, new ConcurrencyLimiter(deps.config.ai.concurrency, new SlotLeases(deps.db.owner, deps.config.workerStaleSeconds)));
}
