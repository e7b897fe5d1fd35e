import type { Tx } from '../../db/client';

// Queries name the account explicitly where one account is meant (its prompts, its default
// profile): developers run under the global scope, where row-level security alone would mix
// accounts. `AccountFilter` null means every account the scope sees, as for sites and users.

type Page = { limit: number; offset: number };
export type AccountFilter = string | null;

const inAccount = (tx: Tx, account: AccountFilter) => (account ? tx`account_id = ${account}` : tx`true`);

// ---- prompt templates ------------------------------------------------------------------------

export type PromptOverride = { function: string; template: string; updated_at: Date; updated_by: string | null };

export async function listPromptOverrides(tx: Tx, accountId: string) {
  return tx<PromptOverride[]>`
    select function, template, updated_at, updated_by from prompt_templates where account_id = ${accountId}`;
}

export async function getPromptOverride(tx: Tx, accountId: string, fn: string) {
  const [row] = await tx<PromptOverride[]>`
    select function, template, updated_at, updated_by from prompt_templates
    where account_id = ${accountId} and function = ${fn}`;
  return row ?? null;
}

export async function upsertPromptOverride(tx: Tx, o: { accountId: string; fn: string; template: string; userId: string | null }) {
  const [row] = await tx<PromptOverride[]>`
    insert into prompt_templates (account_id, function, template, updated_by)
    values (${o.accountId}, ${o.fn}, ${o.template}, ${o.userId})
    on conflict (account_id, function)
      do update set template = excluded.template, updated_by = excluded.updated_by, updated_at = now()
    returning function, template, updated_at, updated_by`;
  return row!;
}

export async function deletePromptOverride(tx: Tx, accountId: string, fn: string) {
  await tx`delete from prompt_templates where account_id = ${accountId} and function = ${fn}`;
}

// ---- author profiles -------------------------------------------------------------------------

const PROFILE_COLUMNS = [
  'id', 'account_id', 'name', 'description', 'tone', 'audience', 'reading_level', 'do_list', 'dont_list', 'is_default',
  'created_at', 'updated_at',
];

export type AuthorProfileRow = {
  id: string;
  account_id: string;
  name: string;
  description: string;
  tone: string;
  audience: string;
  reading_level: string;
  do_list: string[];
  dont_list: string[];
  is_default: boolean;
  created_at: Date;
  updated_at: Date;
};

export type AuthorProfileWrite = Partial<Omit<AuthorProfileRow, 'id' | 'account_id' | 'created_at' | 'updated_at'>>;

export async function listAuthorProfiles(tx: Tx, account: AccountFilter, page: Page) {
  const results = await tx<AuthorProfileRow[]>`
    select ${tx(PROFILE_COLUMNS)} from author_profiles where ${inAccount(tx, account)}
    order by is_default desc, lower(name), id limit ${page.limit} offset ${page.offset}`;
  const [row] = await tx`select count(*)::int as n from author_profiles where ${inAccount(tx, account)}`;
  return { results, count: Number(row?.n ?? 0) };
}

export async function getAuthorProfile(tx: Tx, account: AccountFilter, id: string) {
  const [row] = await tx<AuthorProfileRow[]>`
    select ${tx(PROFILE_COLUMNS)} from author_profiles where ${inAccount(tx, account)} and id = ${id}`;
  return row ?? null;
}

export async function getDefaultAuthorProfile(tx: Tx, accountId: string) {
  const [row] = await tx<AuthorProfileRow[]>`
    select ${tx(PROFILE_COLUMNS)} from author_profiles where account_id = ${accountId} and is_default`;
  return row ?? null;
}

export async function insertAuthorProfile(tx: Tx, accountId: string, p: AuthorProfileWrite) {
  const [row] = await tx<AuthorProfileRow[]>`
    insert into author_profiles ${tx({ ...p, account_id: accountId })} returning ${tx(PROFILE_COLUMNS)}`;
  return row!;
}

export async function updateAuthorProfile(tx: Tx, account: AccountFilter, id: string, p: AuthorProfileWrite) {
  const set = Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));
  if (Object.keys(set).length === 0) return getAuthorProfile(tx, account, id);
  const [row] = await tx<AuthorProfileRow[]>`
    update author_profiles set ${tx(set)}, updated_at = now()
    where ${inAccount(tx, account)} and id = ${id} returning ${tx(PROFILE_COLUMNS)}`;
  return row ?? null;
}

export async function deleteAuthorProfile(tx: Tx, account: AccountFilter, id: string) {
  const rows = await tx`delete from author_profiles where ${inAccount(tx, account)} and id = ${id} returning id`;
  return rows.length > 0;
}

/** Clears the account's default profile (except `keepId`) so another can become the default. */
export async function clearDefaultAuthorProfile(tx: Tx, accountId: string, keepId: string | null) {
  await tx`
    update author_profiles set is_default = false, updated_at = now()
    where account_id = ${accountId} and is_default and id is distinct from ${keepId}`;
}

// ---- strategies ------------------------------------------------------------------------------

const STRATEGY_COLUMNS = [
  'id', 'account_id', 'site_id', 'sector_id', 'name', 'description', 'content_types', 'target_word_count', 'tone',
  'instructions', 'is_default', 'created_at', 'updated_at',
];

export type StrategyRow = {
  id: string;
  account_id: string;
  site_id: string | null;
  sector_id: string | null;
  name: string;
  description: string;
  content_types: string[];
  target_word_count: number | null;
  tone: string;
  instructions: string;
  is_default: boolean;
  created_at: Date;
  updated_at: Date;
};

export type StrategyWrite = Partial<Omit<StrategyRow, 'id' | 'account_id' | 'created_at' | 'updated_at'>>;

export async function listStrategies(tx: Tx, account: AccountFilter, filter: { siteId?: string | undefined }, page: Page) {
  const site = filter.siteId ? tx`and (site_id is null or site_id = ${filter.siteId})` : tx``;
  const results = await tx<StrategyRow[]>`
    select ${tx(STRATEGY_COLUMNS)} from strategies where ${inAccount(tx, account)} ${site}
    order by is_default desc, lower(name), id limit ${page.limit} offset ${page.offset}`;
  const [row] = await tx`select count(*)::int as n from strategies where ${inAccount(tx, account)} ${site}`;
  return { results, count: Number(row?.n ?? 0) };
}

export async function getStrategy(tx: Tx, account: AccountFilter, id: string) {
  const [row] = await tx<StrategyRow[]>`
    select ${tx(STRATEGY_COLUMNS)} from strategies where ${inAccount(tx, account)} and id = ${id}`;
  return row ?? null;
}

export async function getDefaultStrategy(tx: Tx, accountId: string) {
  const [row] = await tx<StrategyRow[]>`
    select ${tx(STRATEGY_COLUMNS)} from strategies where account_id = ${accountId} and is_default`;
  return row ?? null;
}

export async function insertStrategy(tx: Tx, accountId: string, s: StrategyWrite) {
  const [row] = await tx<StrategyRow[]>`
    insert into strategies ${tx({ ...s, account_id: accountId })} returning ${tx(STRATEGY_COLUMNS)}`;
  return row!;
}

export async function updateStrategy(tx: Tx, account: AccountFilter, id: string, s: StrategyWrite) {
  const set = Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined));
  if (Object.keys(set).length === 0) return getStrategy(tx, account, id);
  const [row] = await tx<StrategyRow[]>`
    update strategies set ${tx(set)}, updated_at = now()
    where ${inAccount(tx, account)} and id = ${id} returning ${tx(STRATEGY_COLUMNS)}`;
  return row ?? null;
}

export async function deleteStrategy(tx: Tx, account: AccountFilter, id: string) {
  const rows = await tx`delete from strategies where ${inAccount(tx, account)} and id = ${id} returning id`;
  return rows.length > 0;
}

export async function clearDefaultStrategy(tx: Tx, accountId: string, keepId: string | null) {
  await tx`
    update strategies set is_default = false, updated_at = now()
    where account_id = ${accountId} and is_default and id is distinct from ${keepId}`;
}

/** The site of a sector the caller sees, or null. */
export async function sectorSite(tx: Tx, accountId: string, sectorId: string) {
  const [row] = await tx`select site_id from sectors where account_id = ${accountId} and id = ${sectorId}`;
  return (row?.site_id as string | undefined) ?? null;
}

export async function siteVisible(tx: Tx, accountId: string, siteId: string) {
  const rows = await tx`select 1 from sites where account_id = ${accountId} and id = ${siteId}`;
  return rows.length > 0;
}
