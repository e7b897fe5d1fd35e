import { PROMPT_FUNCTIONS, PROMPT_VARIABLES, type PromptFunction, type PromptTemplate } from '@igny8/shared';
import { accountOf, authorize, userOf, type Caller } from '../../access';
import { scopedAccount, type Tx } from '../../db/client';
import type { Page } from '../../db/lists';
import { conflict, invalid, notFound } from '../../http/errors';
import { DEFAULT_PROMPTS } from './default-prompts';
import * as q from './queries';
import { templateProblems } from './template';

export { renderPrompt } from './template';
export type { AuthorProfileRow, StrategyRow } from './queries';

/** Thinker settings are shared by the account's writers: any role that may write may change them. */
const requireWrite = (p: Caller) => authorize(p, 'write', 'Your role may read but not change these settings.');

/** `accountId`, else the account the transaction is scoped to; the engine's run transactions carry one. */
async function accountOrScope(tx: Tx, accountId?: string): Promise<string> {
  const id = accountId ?? (await scopedAccount(tx));
  if (!id) throw new Error('no account: pass accountId or run in an account scope');
  return id;
}

// ---- prompt templates ------------------------------------------------------------------------

export function isPromptFunction(fn: string): fn is PromptFunction {
  return (PROMPT_FUNCTIONS as readonly string[]).includes(fn);
}

function promptFunction(fn: string): PromptFunction {
  if (!isPromptFunction(fn)) throw notFound(`AI function "${fn}"`);
  return fn;
}

function promptView(fn: PromptFunction, override: q.PromptOverride | null): PromptTemplate {
  return {
    function: fn,
    template: override?.template ?? DEFAULT_PROMPTS[fn],
    is_default: !override,
    default_template: DEFAULT_PROMPTS[fn],
    variables: PROMPT_VARIABLES[fn].map((v) => ({ ...v })),
    updated_at: override?.updated_at.toISOString() ?? null,
    updated_by: override?.updated_by ?? null,
  };
}

export async function listPrompts(tx: Tx, accountId: string): Promise<PromptTemplate[]> {
  const overrides = await q.listPromptOverrides(tx, accountId);
  return PROMPT_FUNCTIONS.map((fn) => promptView(fn, overrides.find((o) => o.function === fn) ?? null));
}

export async function getPrompt(tx: Tx, accountId: string, fn: string): Promise<PromptTemplate> {
  const f = promptFunction(fn);
  return promptView(f, await q.getPromptOverride(tx, accountId, f));
}

export async function putPrompt(tx: Tx, p: Caller, fn: string, template: string): Promise<PromptTemplate> {
  const f = promptFunction(fn);
  requireWrite(p);
  const problems = templateProblems(f, template);
  if (problems) throw invalid(problems.template!.join(' '), problems);
  return promptView(f, await q.upsertPromptOverride(tx, { accountId: p.accountId, fn: f, template, userId: userOf(p) }));
}

/** Drops the account's override: the built-in template applies again. */
export async function resetPrompt(tx: Tx, p: Caller, fn: string): Promise<PromptTemplate> {
  const f = promptFunction(fn);
  requireWrite(p);
  await q.deletePromptOverride(tx, p.accountId, f);
  return promptView(f, null);
}

/**
 * The template an AI function runs on: the account's override, else the built-in default. Fill it
 * with `renderPrompt`. Without `accountId` the transaction's account scope decides.
 */
export async function getPromptTemplate(tx: Tx, fn: PromptFunction, accountId?: string): Promise<{ template: string; isDefault: boolean }> {
  const override = await q.getPromptOverride(tx, await accountOrScope(tx, accountId), fn);
  return override ? { template: override.template, isDefault: false } : { template: DEFAULT_PROMPTS[fn], isDefault: true };
}

// ---- author profiles -------------------------------------------------------------------------

export function listAuthorProfiles(tx: Tx, p: Caller, page: Page) {
  return q.authorProfiles.list(tx, accountOf(p), page);
}

export async function visibleAuthorProfile(tx: Tx, p: Caller, id: string) {
  const profile = await q.authorProfiles.get(tx, accountOf(p), id);
  if (!profile) throw notFound('Author profile');
  return profile;
}

export async function createAuthorProfile(tx: Tx, p: Caller, input: q.AuthorProfileWrite) {
  requireWrite(p);
  return q.authorProfiles.insert(tx, p.accountId, input);
}

export async function updateAuthorProfile(tx: Tx, p: Caller, id: string, patch: q.AuthorProfileWrite) {
  const current = await visibleAuthorProfile(tx, p, id);
  requireWrite(p);
  return q.authorProfiles.update(tx, current, patch);
}

export async function deleteAuthorProfile(tx: Tx, p: Caller, id: string) {
  const current = await visibleAuthorProfile(tx, p, id);
  requireWrite(p);
  await q.authorProfiles.remove(tx, current);
}

/**
 * The author profile a writer uses: the one named by `id` (null when it is gone), or the account's
 * default when `id` is null (null when there is none).
 */
export async function getAuthorProfile(tx: Tx, id: string | null, accountId?: string): Promise<q.AuthorProfileRow | null> {
  const account = await accountOrScope(tx, accountId);
  return id ? q.authorProfiles.get(tx, account, id) : q.authorProfiles.getDefault(tx, account);
}

// ---- strategies ------------------------------------------------------------------------------

export function listStrategies(tx: Tx, p: Caller, filter: { siteId?: string | undefined }, page: Page) {
  return q.strategies.list(tx, accountOf(p), page, q.forSite(tx, filter.siteId));
}

export async function visibleStrategy(tx: Tx, p: Caller, id: string) {
  const strategy = await q.strategies.get(tx, accountOf(p), id);
  if (!strategy) throw notFound('Strategy');
  return strategy;
}

/** Checks a strategy's site and sector: both visible to the caller, the sector in the site. */
async function placement(tx: Tx, accountId: string, siteId: string | null, sectorId: string | null) {
  if (sectorId) {
    const sectorSite = await q.sectorSite(tx, accountId, sectorId);
    if (!sectorSite) throw invalid('Unknown sector.', { sector_id: ['No sector you can see has this id.'] });
    if (siteId && siteId !== sectorSite) throw invalid('The sector belongs to another site.', { sector_id: ['Not a sector of this site.'] });
    return { site_id: sectorSite, sector_id: sectorId };
  }
  if (siteId && !(await q.siteVisible(tx, accountId, siteId))) {
    throw invalid('Unknown site.', { site_id: ['No site you can see has this id.'] });
  }
  return { site_id: siteId, sector_id: null };
}

export async function createStrategy(
  tx: Tx,
  p: Caller,
  input: q.StrategyWrite & { site_id: string | null; sector_id: string | null },
) {
  requireWrite(p);
  const where = await placement(tx, p.accountId, input.site_id, input.sector_id);
  return q.strategies.insert(tx, p.accountId, { ...input, ...where });
}

export async function updateStrategy(tx: Tx, p: Caller, id: string, patch: q.StrategyWrite) {
  const current = await visibleStrategy(tx, p, id);
  requireWrite(p);
  const write = { ...patch };
  if (patch.site_id !== undefined || patch.sector_id !== undefined) {
    // Moving to another site drops a sector of the old one unless a new sector is named.
    const siteId = patch.site_id !== undefined ? patch.site_id : current.site_id;
    const sectorId = patch.sector_id !== undefined ? patch.sector_id : siteId === current.site_id ? current.sector_id : null;
    Object.assign(write, await placement(tx, current.account_id, siteId, sectorId));
  }
  return q.strategies.update(tx, current, write);
}

export async function deleteStrategy(tx: Tx, p: Caller, id: string) {
  const current = await visibleStrategy(tx, p, id);
  requireWrite(p);
  await q.strategies.remove(tx, current);
}

/**
 * The strategy a writer follows: the one named by `id` (null when it is gone), or the account's
 * default when `id` is null (null when there is none).
 */
export async function getStrategy(tx: Tx, id: string | null, accountId?: string): Promise<q.StrategyRow | null> {
  const account = await accountOrScope(tx, accountId);
  return id ? q.strategies.get(tx, account, id) : q.strategies.getDefault(tx, account);
}
