import { createHash } from 'node:crypto';
import { authorize, userOf, type Caller } from '../../access';
import type { Tx } from '../../db/client';
import { ApiError, invalid, notFound } from '../../http/errors';
import { fieldErrors } from '../../http/openapi-app';
import { reserve } from '../billing';
import * as q from './queries';
import { getFunction } from './registry';

/** A stable hash of a request's input: key order and id order do not matter. */
export function inputHash(fn: string, input: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, canonical(x)]))
        : v;
  return createHash('sha256').update(fn).update(JSON.stringify(canonical(input))).digest('hex');
}

/**
 * Starts an AI run in the caller's transaction: validates the input against the caller's data,
 * reserves the estimated credits and queues the job — all or nothing. An identical request while
 * the first is still queued or running returns the first run instead of starting another.
 */
export async function startRun(tx: Tx, caller: Caller, fnName: string, rawInput: unknown): Promise<{ run_id: string; existing: boolean }> {
  const accountId = caller.accountId;
  const fn = getFunction(fnName);
  if (!fn) throw notFound('AI function');
  const parsed = fn.input.safeParse(rawInput);
  if (!parsed.success) throw invalid('The request has invalid fields.', fieldErrors(parsed.error.issues));
  const input = parsed.data;
  const hash = inputHash(fnName, input);
  // The input's ids are looked up first, so another account's ids answer 404 whatever the role.
  const estimate = await fn.estimate(tx, input);
  authorize(caller, 'write', 'Your role cannot start AI runs.');
  if (!Number.isInteger(estimate.credits) || estimate.credits < 0) throw new Error(`${fnName} estimated ${estimate.credits} credits`);
  const runId = await q.insertRun(tx, {
    accountId,
    siteId: estimate.siteId ?? null,
    sectorId: estimate.sectorId ?? null,
    fn: fnName,
    inputHash: hash,
    payload: input,
    credits: estimate.credits,
    createdBy: userOf(caller),
  });
  if (!runId) {
    // An identical request is queued or running (or won the race to it a moment ago): answer with it.
    const inFlight = await q.inFlightRun(tx, accountId, fnName, hash);
    if (inFlight) return { run_id: inFlight, existing: true };
    throw new ApiError('conflict', 'An identical run was just started; try again.');
  }
  await q.enqueueRun(tx, runId);
  // Last, so that the account row stays locked only until the commit that follows.
  await reserve(tx, { accountId, amount: estimate.credits, runId, reason: `Reserved for ${fnName}`, userId: userOf(caller) });
  return { run_id: runId, existing: false };
}

