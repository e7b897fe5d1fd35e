import type { Deps } from '../../context';
import { getIntegrationSettings, openAIProviderFor, runwareProviderFor } from '../system';
import type { ProviderResolver } from './engine';

/**
 * The providers an account's runs use, from its integration settings (falling back to the
 * environment's): text and embeddings through its OpenAI-compatible endpoint; images through
 * Runware when it is configured, else through the same OpenAI-compatible endpoint.
 */
export function accountProviders(deps: Deps): ProviderResolver {
  return async (accountId) => {
    const scope = { kind: 'account' as const, accountId, siteIds: null, readOnly: true };
    const [openai, runware] = await deps.db.run(scope, async (tx) => [
      await getIntegrationSettings(tx, deps, 'openai', accountId),
      await getIntegrationSettings(tx, deps, 'runware', accountId),
    ] as const);
    const limits = { timeoutMs: deps.config.ai.timeoutMs };
    const text = openai ? openAIProviderFor(deps, openai, limits) : null;
    const images = runware ? runwareProviderFor(deps, runware, limits) : text;
    return { text, images, imageSource: runware ? 'runware' : 'openai' };
  };
}
