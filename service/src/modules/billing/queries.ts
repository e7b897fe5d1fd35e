import { pageOf, type Page } from '../../db/lists';
import type { CreditTransaction, UsageRow } from '@igny8/shared';
import { asGlobal, type Tx } from '../../db/client';
import type { DbRow } from '../../db/rows';

export type TransactionRow = DbRow<CreditTransaction>;

/**
 * Takes `amount` credits from the balance if it covers them, in one statement: the row lock makes
 * concurrent reservations queue, and the `credits >= amount` guard keeps the balance from going
 * negative. Returns the new balance, or null when the balance is short.
 */
export async function debitIfCovered(tx: Tx, accountId: string, amount: number): Promise<number | null> {
  // Balances are not the tenant role's to change (it holds no UPDATE on them).
  const [row] = await asGlobal(tx, () => tx`
    update accounts set credits = credits - ${amount}, updated_at = now()
    where id = ${accountId} and credits >= ${amount}
    returning credits`);
  return row ? (row.credits as number) : null;
}

/** Adds (or, negative, removes) credits; fails on the balance check constraint rather than going below zero. */
export async function credit(tx: Tx, accountId: string, amount: number): Promise<number | null> {
  const [row] = await asGlobal(tx, () => tx`
    update accounts set credits = credits + ${amount}, updated_at = now() where id = ${accountId} returning credits`);
  return row ? (row.credits as number) : null;
}

export async function balance(tx: Tx, accountId: string): Promise<number | null> {
  const [row] = await tx`select credits from accounts where id = ${accountId}`;
  return row ? (row.credits as number) : null;
}

export type LedgerEntry = {
  accountId: string;
  amount: number;
  balanceAfter: number;
  kind: 'grant' | 'purchase' | 'adjustment' | 'reserve' | 'settle' | 'refund';
  reason: string;
  runId?: string | null;
  createdBy?: string | null;
  /** Who acted (see actorOf); 'system' for the engine's own entries. */
  actor?: string | null;
};

export async function appendLedger(tx: Tx, e: LedgerEntry) {
  const [row] = await tx<(TransactionRow & { account_id: string })[]>`
    insert into credit_transactions (account_id, amount, balance_after, kind, reason, run_id, created_by, actor)
    values (${e.accountId}, ${e.amount}, ${e.balanceAfter}, ${e.kind}, ${e.reason}, ${e.runId ?? null}, ${e.createdBy ?? null}, ${e.actor ?? null})
    returning id, account_id, amount, balance_after, kind, reason, run_id, created_by, actor, created_at`;
  return row!;
}

export async function reservedCredits(tx: Tx, accountId: string): Promise<number> {
  const [row] = await tx`
    select coalesce(sum(credits_reserved), 0)::int as n from ai_runs
    where account_id = ${accountId} and status in ('queued', 'running')`;
  return row!.n as number;
}

export function listTransactions(tx: Tx, accountId: string, page: Page) {
  return pageOf<TransactionRow>(tx, {
    select: tx`id, amount, balance_after, kind, reason, run_id, created_by, actor, created_at`,
    from: tx`from credit_transactions where account_id = ${accountId}`,
    order: tx`created_at desc, id desc`,
    page,
  });
}

export async function logUsage(
  tx: Tx,
  u: { accountId: string; runId: string; fn: string; credits: number; tokensIn: number; tokensOut: number; costUsd: number; model: string | null },
) {
  await tx`
    insert into credit_usage_logs (account_id, run_id, function, credits, tokens_in, tokens_out, cost_usd, model)
    values (${u.accountId}, ${u.runId}, ${u.fn}, ${u.credits}, ${u.tokensIn}, ${u.tokensOut}, ${u.costUsd}, ${u.model})`;
}

/** Usage summed per day or per function between two instants. */
export async function usage(tx: Tx, accountId: string, q: { from: Date; to: Date; groupBy: 'day' | 'function' }) {
  const key = q.groupBy === 'day' ? tx`to_char(date_trunc('day', created_at at time zone 'UTC'), 'YYYY-MM-DD')` : tx`function`;
  return tx<UsageRow[]>`
    select ${key} as ${tx(q.groupBy)}, count(*)::int as runs, sum(credits)::int as credits,
           sum(tokens_in)::int as tokens_in, sum(tokens_out)::int as tokens_out, sum(cost_usd)::float8 as cost_usd
    from credit_usage_logs
    where account_id = ${accountId} and created_at >= ${q.from} and created_at < ${q.to}
    group by 1 order by 1`;
}
