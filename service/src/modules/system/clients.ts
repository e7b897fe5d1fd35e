import type { Deps } from '../../context';
import { createOpenAIProvider } from '../../providers/openai-compatible';
import { createRunwareProvider } from '../../providers/runware';
import type { OpenAISettings, RunwareSettings } from './service';

type CallLimits = { timeoutMs: number; maxRetries?: number };

/**
 * The providers of an account's settings, for the AI engine and the connection test alike: a URL
 * the account chose goes out through the guarded fetch (no private addresses unless the operator
 * allows them), the operator's own and the built-in URLs through the plain one. Both have the
 * connect and first-byte deadlines.
 */
export function outboundFetch(deps: Deps, settings: { accountUrl: boolean }) {
  return settings.accountUrl ? deps.outbound.tenant : deps.outbound.operator;
}

export function openAIProviderFor(deps: Deps, settings: OpenAISettings, limits: CallLimits) {
  return createOpenAIProvider({ ...settings, ...limits, fetch: outboundFetch(deps, settings) });
}

export function runwareProviderFor(deps: Deps, settings: RunwareSettings, limits: CallLimits) {
  return createRunwareProvider({ ...settings, ...limits, fetch: outboundFetch(deps, settings) });
}
