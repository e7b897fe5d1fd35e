import { actorOf, authorize, userOf, type Caller } from '../../access';
import type { Tx } from '../../db/client';
import type { Page } from '../../db/lists';
import { ApiError, invalid, notFound } from '../../http/errors';
import * as q from './queries';

/**
 * Reserves credits for a run before it is queued. A balance that cannot cover them answers 402
 * `insufficient_credits` with the balance, and the caller's transaction rolls back whole.
 */
export async function reserve(tx: Tx, r: { accountId: string; amount: number; runId: string; reason: string; caller: Caller }) {
  if (r.amount === 0) return;
  const after = await q.debitIfCovered(tx, r.accountId, r.amount);
  if (after === null) {
    const balance = (await q.balance(tx, r.accountId)) ?? 0;
    throw new ApiError('insufficient_credits', `This needs ${r.amount} credits; the balance is ${balance}.`, {
      data: { balance, required: r.amount },
    });
  }
  await q.appendLedger(tx, { accountId: r.accountId, amount: -r.amount, balanceAfter: after, kind: 'reserve', reason: r.reason, runId: r.runId, createdBy: userOf(r.caller), actor: actorOf(r.caller) });
}

/**
 * Charges `used` of the `reserved` credits and gives back the rest. A run that used exactly what it
 * reserved changes no balance, so it writes no row and takes no lock.
 */
export async function settle(tx: Tx, s: { accountId: string; runId: string; reserved: number; used: number; fn: string }) {
  const unused = s.reserved - s.used;
  if (unused <= 0) return;
  const after = await q.credit(tx, s.accountId, unused);
  await q.appendLedger(tx, {
    accountId: s.accountId,
    amount: unused,
    balanceAfter: after ?? 0,
    kind: 'settle',
    reason: `${s.fn}: charged ${s.used} of ${s.reserved} reserved credits`,
    runId: s.runId,
    actor: 'system',
  });
}

/** Gives back a failed run's whole reservation. */
export async function refund(tx: Tx, r: { accountId: string; runId: string; reserved: number; fn: string; why: string }) {
  if (r.reserved === 0) return;
  const after = await q.credit(tx, r.accountId, r.reserved);
  await q.appendLedger(tx, { accountId: r.accountId, amount: r.reserved, balanceAfter: after ?? 0, kind: 'refund', reason: `${r.fn} failed: ${r.why}`.slice(0, 500), runId: r.runId, actor: 'system' });
}

/** Credits added or removed by a developer or system bot (purchases, grants, corrections). */
export async function adjust(tx: Tx, p: Caller, a: { account_id: string; amount: number; reason: string; kind: 'grant' | 'purchase' | 'adjustment' }) {
  authorize(p, 'all_accounts', 'Only developers and system bots can change credit balances.');
  const current = await q.balance(tx, a.account_id);
  if (current === null) throw notFound('Account');
  if (current + a.amount < 0) {
    throw new ApiError('invalid_input', `The balance is ${current}; it cannot go below zero.`, { errors: { amount: ['Would make the balance negative.'] } });
  }
  const after = await q.credit(tx, a.account_id, a.amount);
  return q.appendLedger(tx, { accountId: a.account_id, amount: a.amount, balanceAfter: after!, kind: a.kind, reason: a.reason, createdBy: userOf(p), actor: actorOf(p) });
}

/** Credits left, and credits held by runs in flight: every role may see it, to know what it can start. */
export async function balance(tx: Tx, p: Caller) {
  return { credits: (await q.balance(tx, p.accountId)) ?? 0, reserved: await q.reservedCredits(tx, p.accountId) };
}

export function listTransactions(tx: Tx, p: Caller, page: Page) {
  authorize(p, 'billing');
  return q.listTransactions(tx, p.accountId, page);
}

/** Credits, runs, tokens and cost per day or per function; the last 30 days unless a range is given. */
export function usage(tx: Tx, p: Caller, range: { from?: string | undefined; to?: string | undefined; group_by: 'day' | 'function' }) {
  authorize(p, 'billing');
  const to = range.to ? new Date(range.to) : new Date();
  const from = range.from ? new Date(range.from) : new Date(to.getTime() - 30 * 86_400_000);
  if (from >= to) throw invalid('`from` must be before `to`.', { from: ['Must be before `to`.'] });
  return q.usage(tx, p.accountId, { from, to, groupBy: range.group_by });
}

/** Records what a run used (credits, tokens, cost), for the usage report. */
export const logUsage = q.logUsage;
