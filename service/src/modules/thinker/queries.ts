import type { Tx } from '../../db/client';
import { namedResources } from '../../db/named-resources';

// Queries name the account explicitly where one account is meant (its prompts, its default
// profile): developers run under the global scope, where row-level security alone would mix
// accounts. `AccountFilter` null means every account the scope sees, as for sites and users.

type Page = { limit: number; offset: number };
export type { AccountFilter } from '../../db/named-resources';

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

export const authorProfiles = namedResources<AuthorProfileRow>('author_profiles', [
  'id', 'account_id', 'name', 'description', 'tone', 'audience', 'reading_level', 'do_list', 'dont_list', 'is_default',
  'created_at', 'updated_at',
]);

// ---- strategies ------------------------------------------------------------------------------

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

export const strategies = namedResources<StrategyRow>('strategies', [
  'id', 'account_id', 'site_id', 'sector_id', 'name', 'description', 'content_types', 'target_word_count', 'tone',
  'instructions', 'is_default', 'created_at', 'updated_at',
]);

/** Strategies for one site: its own and the account-wide ones. */
export const forSite = (tx: Tx, siteId: string | undefined) => (siteId ? tx`and (site_id is null or site_id = ${siteId})` : undefined);

/** The site of a sector the caller sees, or null. */
export async function sectorSite(tx: Tx, accountId: string, sectorId: string) {
  const [row] = await tx`select site_id from sectors where account_id = ${accountId} and id = ${sectorId}`;
  return (row?.site_id as string | undefined) ?? null;
}

export async function siteVisible(tx: Tx, accountId: string, siteId: string) {
  const rows = await tx`select 1 from sites where account_id = ${accountId} and id = ${siteId}`;
  return rows.length > 0;
}
