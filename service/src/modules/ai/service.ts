import { createHash } from 'node:crypto';
import { actorOf, authorize, userOf, type Caller } from '../../access';
import type { Tx } from '../../db/client';
import { ApiError, invalid } from '../../http/errors';
import { fieldErrors } from '../../http/openapi-app';
import { refund, reserve } from '../billing';
import * as q from './queries';
import type { AIFunction } from './types';

/** A stable hash of what makes a request the same run (its function's dedupeKey); object key order does not matter. */
export function inputHash(fn: AIFunction, input: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, canonical(x)]))
        : v;
  return createHash('sha256').update(fn.name).update(JSON.stringify(canonical(fn.dedupeKey(input)))).digest('hex');
}

/**
 * Starts an AI run in the caller's transaction: validates the input against the caller's data,
 * reserves the estimated credits and queues the job — all or nothing. An identical request while
 * the first is still queued or running returns the first run instead of starting another. The run
 * goes to one of the account's `maxJobs` job lanes, which bound the job slots it can hold at once.
 */
export async function startRun(
  tx: Tx,
  caller: Caller,
  fn: AIFunction,
  rawInput: unknown,
  opts: { maxJobs: number },
): Promise<{ runId: string; existing: boolean }> {
  const fnName = fn.name;
  const parsed = fn.input.safeParse(rawInput);
  if (!parsed.success) throw invalid('The request has invalid fields.', fieldErrors(parsed.error.issues));
  const input = parsed.data;
  const hash = inputHash(fn, input);
  // The input's ids are looked up first, so another account's ids answer 404 whatever the role.
  const estimate = await fn.estimate(tx, input);
  authorize(caller, 'write', 'Your role cannot start AI runs.');
  if (!Number.isInteger(estimate.credits) || estimate.credits < 0) throw new Error(`${fnName} estimated ${estimate.credits} credits`);
  const run = await q.insertRun(tx, {
    accountId: caller.accountId,
    siteIds: [...new Set(estimate.siteIds ?? [])],
    sectorId: estimate.sectorId ?? null,
    fn: fnName,
    inputHash: hash,
    payload: input,
    credits: estimate.credits,
    createdBy: userOf(caller),
    actor: actorOf(caller),
    lanes: opts.maxJobs,
  });
  if (!run) {
    // An identical request is queued or running (or won the race to it a moment ago): answer with it.
    const inFlight = await q.inFlightRun(tx, caller.accountId, fnName, hash);
    if (inFlight) return { runId: inFlight, existing: true };
    throw new ApiError('conflict', 'An identical run was just started; try again.');
  }
  await q.enqueueRun(tx, { id: run.id, accountId: caller.accountId, lane: run.lane });
  // Last, so that the account row stays locked only until the commit that follows.
  await reserve(tx, { accountId: caller.accountId, amount: estimate.credits, runId: run.id, reason: `Reserved for ${fnName}`, caller });
  return { runId: run.id, existing: false };
}


const NO_USAGE: q.Usage = { tokensIn: 0, tokensOut: 0, costUsd: 0, model: null };

/** Fails a queued or running run with `message` and refunds its reservation; nothing when it already finished. */
export async function failRunAndRefund(tx: Tx, runId: string, message: string, usage: q.Usage = NO_USAGE): Promise<boolean> {
  const failed = await q.failRun(tx, runId, { error: message, usage });
  if (failed) await refund(tx, { accountId: failed.accountId, runId, reserved: failed.reserved, fn: failed.fn, why: message });
  return failed !== null;
}
