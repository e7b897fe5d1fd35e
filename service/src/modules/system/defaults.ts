import type { IntegrationType, SETTING_SOURCES } from '@igny8/shared';
import type { Config } from '../../config';

export type Source = (typeof SETTING_SOURCES)[number];

/**
 * The non-secret fields of each integration with their built-in values. The models are the
 * cheapest current ones that do the job well; the environment only overrides OpenAI's key and
 * base URL (OPENAI_API_KEY, OPENAI_BASE_URL), for single-tenant installs.
 */
export const BUILT_IN: { openai: Record<string, string>; runware: Record<string, string> } = {
  openai: {
    base_url: 'https://api.openai.com/v1',
    text_model: 'gpt-4o-mini',
    embedding_model: 'text-embedding-3-small',
    image_model: 'gpt-image-1',
  },
  runware: {
    base_url: 'https://api.runware.ai/v1',
    model: 'runware:100@1',
  },
};

export const FIELDS: Record<IntegrationType, readonly string[]> = {
  openai: Object.keys(BUILT_IN.openai),
  runware: Object.keys(BUILT_IN.runware),
};

export type Effective = {
  values: Record<string, string>;
  sources: Record<string, Source>;
  apiKey: string | null;
};

/**
 * An account's settings merged over the environment and the built-in values. The environment's
 * key only goes with the environment's (or the default) base URL: an account that points OpenAI at
 * another server must bring its own key, so the operator's key is never sent where a tenant chose.
 */
export function effectiveSettings(
  config: Config,
  type: IntegrationType,
  account: { settings: Record<string, string>; apiKey: string | null },
): Effective {
  const env: Record<string, string | undefined> = type === 'openai' ? { base_url: config.openai.baseUrl?.replace(/\/+$/, '') } : {};
  const values: Record<string, string> = {};
  const sources: Record<string, Source> = {};
  for (const field of FIELDS[type]) {
    const own = account.settings[field];
    const fromEnv = env[field];
    if (own) [values[field], sources[field]] = [own, 'account'];
    else if (fromEnv) [values[field], sources[field]] = [fromEnv, 'environment'];
    else [values[field], sources[field]] = [BUILT_IN[type][field]!, 'default'];
  }
  const envKey = type === 'openai' ? config.openai.apiKey : undefined;
  let apiKey: string | null = null;
  sources.api_key = 'none';
  if (account.apiKey) [apiKey, sources.api_key] = [account.apiKey, 'account'];
  else if (envKey && sources.base_url !== 'account') [apiKey, sources.api_key] = [envKey, 'environment'];
  return { values, sources, apiKey };
}

/** `sk-...abcd`: enough to recognise a key, never enough to use it; short keys show nothing. */
export function maskKey(key: string): string {
  if (key.length < 16) return '****';
  return `${key.slice(0, 3)}...${key.slice(-4)}`;
}
