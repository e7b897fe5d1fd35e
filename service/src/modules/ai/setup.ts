import type { Deps } from '../../context';
import { ConcurrencyLimiter } from '../../providers/limiter';
import { Engine, type ProviderResolver } from './engine';
import { accountProviders } from './providers';

/** The engine with the account's configured providers and the per-account concurrency limit. */
export function createEngine(deps: Deps, resolver: ProviderResolver = accountProviders(deps)): Engine {
  return new Engine(deps, resolver, new ConcurrencyLimiter(deps.config.ai.concurrency));
}
