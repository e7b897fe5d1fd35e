import type { z } from 'zod';
import type { Deps } from '../../context';
import type { Tx } from '../../db/client';
import type { Logger } from '../../logger';
import type { JsonRequest } from '../../providers/types';
import type { AIClient } from './client';

/** The run as the engine hands it to a function. */
export type RunInfo = {
  id: string;
  accountId: string;
  siteId: string | null;
  sectorId: string | null;
  function: string;
  createdBy: string | null;
  creditsReserved: number;
  /**
   * When the run was requested, as PostgreSQL's timestamptz text (microseconds kept): functions
   * that work on "everything in X" take what existed then.
   */
  requestedAt: string;
};

export type RunContext = {
  run: RunInfo;
  deps: Deps;
  logger: Logger;
  /** The AI providers of the run's account, with usage tracked for the run. */
  ai: AIClient;
  /** Runs `fn` in a transaction scoped to the run's account. */
  db: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
  /** Reports progress within the current phase: `fraction` 0–1 of the phase's share of the bar. */
  progress: (fraction: number, message?: string) => Promise<void>;
};

/**
 * What a request asks of the engine, decided in the request's own transaction. `siteIds` names
 * every site whose data the run reads or writes: only callers who see all of them see the run.
 */
export type Estimate = { credits: number; siteIds?: string[]; sectorId?: string | null };

/**
 * One AI function (auto_cluster, generate_ideas, …). The engine runs it through the six phases:
 * INIT validate · PREP prepare + buildPrompt · AI_CALL callAI · PARSE parse · SAVE save · DONE.
 * `save` runs in the same transaction that settles the credits and marks the run succeeded, so its
 * rows exist exactly when the run is charged — a retried run never saves twice.
 */
export interface AIFunction<I = any, P = any, A = any, R = any> {
  readonly name: string;
  /** The request body as the API accepts it: the HTTP route declares exactly this schema. */
  readonly input: z.ZodType<I>;
  /**
   * What makes two requests the same run (an identical request while one is in flight returns
   * it): e.g. a set of ids sorted, while an ordered list keeps its order. Hashed with its object
   * keys in a canonical order.
   */
  dedupeKey(input: I): unknown;
  /** In the request's transaction: checks the input against the caller's data (404 for ids it cannot see) and estimates the credits to reserve. */
  estimate(tx: Tx, input: I): Promise<Estimate>;
  validate?(ctx: RunContext, input: I): Promise<void>;
  prepare(ctx: RunContext, input: I): Promise<P>;
  /** The provider calls to make; the default `callAI` answers them in parallel. */
  buildPrompt?(ctx: RunContext, prepared: P): Promise<PromptRequest[]> | PromptRequest[];
  callAI?(ctx: RunContext, prepared: P, prompts: PromptRequest[]): Promise<A>;
  parse(ctx: RunContext, prepared: P, answers: A): Promise<R> | R;
  /** Writes the output; returns the run's result and the credits actually used (at most those reserved). */
  save(ctx: RunContext, tx: Tx, prepared: P, parsed: R): Promise<{ result: unknown; credits: number }>;
}

/** One structured provider call, as the default AI_CALL answers it. */
export type PromptRequest<T = unknown> = Omit<JsonRequest<T>, 'signal'>;

/** Raised by a function for a problem the user must fix (no keywords left, no provider): the run fails with this message. */
export class RunError extends Error {}
