import { type Integration, type IntegrationType } from '@igny8/shared';
import { authorize, userOf, type Caller } from '../../access';
import type { Deps } from '../../context';
import { scopedAccount, type Tx } from '../../db/client';
import { invalid } from '../../http/errors';
import { checkUrlTarget } from '../../lib/outbound';
import { effectiveSettings, FIELDS, maskKey } from './defaults';
import * as q from './queries';

/** The purpose bound to an integration's encrypted key: a value copied to another column does not decrypt. */
export const apiKeyPurpose = (type: IntegrationType) => `integrations.${type}.api_key`;

/**
 * Provider settings as the providers take them, with the key in clear. `accountUrl` is true when
 * the base URL is the account's own choice rather than the operator's or the built-in one.
 */
export type OpenAISettings = {
  type: 'openai'; apiKey: string; baseUrl: string; accountUrl: boolean; textModel: string; embeddingModel: string; imageModel: string;
};
export type RunwareSettings = { type: 'runware'; apiKey: string; baseUrl: string; accountUrl: boolean; model: string };
export type IntegrationSettings<T extends IntegrationType = IntegrationType> = Extract<OpenAISettings | RunwareSettings, { type: T }>;

/** Changing an integration, or spending money on it to test it, is for those who configure the account. */
const MANAGE_REFUSAL = 'Only owners and admins may change or test integrations.';

function decryptKey(deps: Deps, type: IntegrationType, row: q.IntegrationRow | null): string | null {
  if (!row?.secret_enc) return null;
  try {
    return deps.secrets.decrypt(row.secret_enc, apiKeyPurpose(type));
  } catch (err) {
    // The master key changed since the key was saved: treat it as unset so the account can save it again.
    deps.logger.warn({ err: (err as Error).message, type }, 'stored integration key does not decrypt');
    return null;
  }
}

async function load(tx: Tx, deps: Deps, accountId: string, type: IntegrationType) {
  const row = await q.getIntegration(tx, accountId, type);
  const ownKey = decryptKey(deps, type, row);
  const effective = effectiveSettings(deps.config, type, { settings: row?.settings ?? {}, apiKey: ownKey });
  return { row, ownKey, effective };
}

function view(type: IntegrationType, loaded: Awaited<ReturnType<typeof load>>): Integration {
  const { row, ownKey, effective } = loaded;
  return {
    type,
    ...effective.values,
    // Only the account's own key is shown, masked; the operator's environment key is not the tenant's to see.
    api_key: ownKey ? maskKey(ownKey) : null,
    has_api_key: effective.apiKey !== null,
    is_enabled: row?.is_enabled ?? true,
    sources: effective.sources,
    updated_at: row?.updated_at ?? null,
  } as Integration;
}

export async function getIntegration(tx: Tx, deps: Deps, accountId: string, type: IntegrationType): Promise<Integration> {
  return view(type, await load(tx, deps, accountId, type));
}

/**
 * A 400 for a base URL that points where the service will not connect on an account's behalf, or
 * at a host that does not resolve, while the operator keeps private networks closed. Run before
 * the transaction: it may wait on DNS.
 */
export async function checkIntegrationUrl(deps: Deps, p: Caller, input: { base_url?: string | null }): Promise<void> {
  // The role first, so that a viewer cannot use the check to probe DNS.
  authorize(p, 'manage_sites', MANAGE_REFUSAL);
  if (deps.config.allowPrivateNetwork || typeof input.base_url !== 'string') return;
  const problem = await checkUrlTarget(input.base_url);
  if (problem) throw invalid(`The base URL cannot be used: ${problem}.`, { base_url: [`${problem[0]!.toUpperCase()}${problem.slice(1)}.`] });
}

/**
 * Omitted fields keep their value; `null` clears one (the key is removed, other fields return to
 * their default). A new base URL drops the stored key unless the same request sends one: the key
 * was given for the old server, and whoever changes the URL must not receive it at theirs.
 */
export async function putIntegration(
  tx: Tx,
  deps: Deps,
  p: Caller,
  type: IntegrationType,
  input: Record<string, string | boolean | null | undefined>,
): Promise<Integration> {
  authorize(p, 'manage_sites', MANAGE_REFUSAL);
  const row = await q.getIntegration(tx, p.accountId, type);
  const settings: Record<string, string> = { ...row?.settings };
  for (const field of FIELDS[type]) {
    const value = input[field];
    if (value === null) delete settings[field];
    else if (typeof value === 'string') settings[field] = value;
  }
  const urlOf = (values: Record<string, string>) => effectiveSettings(deps.config, type, { settings: values, apiKey: null }).values.base_url;
  let secretEnc = row?.secret_enc ?? null;
  if (input.api_key === null || (input.api_key === undefined && urlOf(settings) !== urlOf(row?.settings ?? {}))) secretEnc = null;
  else if (typeof input.api_key === 'string') secretEnc = deps.secrets.encrypt(input.api_key, apiKeyPurpose(type));
  const isEnabled = typeof input.is_enabled === 'boolean' ? input.is_enabled : (row?.is_enabled ?? true);
  await q.saveIntegration(tx, { accountId: p.accountId, type, settings, secretEnc, isEnabled, userId: userOf(p) });
  return getIntegration(tx, deps, p.accountId, type);
}

/**
 * The settings the AI engine calls a provider with: the account's, merged over the environment and
 * the built-in defaults. Null when no key is configured anywhere or the account switched the
 * integration off. Without `accountId` the transaction's account scope decides.
 */
export async function getIntegrationSettings<T extends IntegrationType>(
  tx: Tx,
  deps: Deps,
  type: T,
  accountId?: string,
): Promise<IntegrationSettings<T> | null> {
  const account = accountId ?? (await scopedAccount(tx));
  if (!account) throw new Error('no account: pass accountId or run in an account scope');
  const { row, effective } = await load(tx, deps, account, type);
  if (!effective.apiKey || row?.is_enabled === false) return null;
  const v = effective.values;
  const base = { apiKey: effective.apiKey, baseUrl: v.base_url!, accountUrl: effective.sources.base_url === 'account' };
  const settings: OpenAISettings | RunwareSettings =
    type === 'openai'
      ? { type: 'openai', ...base, textModel: v.text_model!, embeddingModel: v.embedding_model!, imageModel: v.image_model! }
      : { type: 'runware', ...base, model: v.model! };
  return settings as IntegrationSettings<T>;
}

/** The settings a connection test uses, or a 400 that says what is missing. */
export async function settingsToTest<T extends IntegrationType>(tx: Tx, deps: Deps, p: Caller, type: T): Promise<IntegrationSettings<T>> {
  authorize(p, 'manage_sites', MANAGE_REFUSAL);
  const accountId = p.accountId;
  const { row, effective } = await load(tx, deps, accountId, type);
  if (row?.is_enabled === false) throw invalid(`The ${type} integration is switched off; enable it to test it.`);
  if (!effective.apiKey) throw invalid(`No API key is set for ${type}; save one first.`, { api_key: ['Not set.'] });
  return (await getIntegrationSettings(tx, deps, type, accountId))!;
}
