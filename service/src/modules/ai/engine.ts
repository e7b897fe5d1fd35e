import { PHASES, type Phase } from '@igny8/shared';
import { ZodError } from 'zod';
import type { Deps } from '../../context';
import { GLOBAL, type Scope } from '../../db/client';
import { ProviderError } from '../../providers/types';
import type { ConcurrencyLimiter } from '../../providers/limiter';
import { logUsage, settle } from '../billing';
import { AIClient, type AccountProviders } from './client';
import * as q from './queries';
import { failRunAndRefund } from './service';
import type { AIFunctions } from './functions';
import { RunError, type PromptRequest, type RunContext, type RunInfo } from './types';

export type ProviderResolver = (accountId: string) => Promise<AccountProviders>;

/** Database errors worth another attempt of the whole job (lost connection, deadlock, shutdown). */
const TRANSIENT = new Set(['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'ECONNRESET', 'ECONNREFUSED', '40001', '40P01', '57P01', '57P03']);
const isTransient = (err: unknown) => TRANSIENT.has(String((err as { code?: unknown }).code));

/** A message a user can act on, never internals. */
function userMessage(err: unknown, fn: string): string {
  if (err instanceof RunError || err instanceof ProviderError) return err.message;
  if (err instanceof ZodError) return `The ${fn} request is not valid: ${err.issues.map((i) => i.message).join('; ')}`;
  return `${fn} failed because of an internal error; the credits were refunded.`;
}

class AlreadyFinished extends Error {}

/**
 * Runs AI functions through the six phases, recording each change on the run's row (and notifying
 * listeners), and settles or refunds the credits reserved for it.
 */
export class Engine {
  constructor(
    private readonly deps: Deps,
    private readonly functions: AIFunctions,
    private readonly resolveProviders: ProviderResolver,
    private readonly limiter: ConcurrencyLimiter,
  ) {}

  /**
   * Executes one run. Returns quietly when the run is already finished. Throws only for transient
   * infrastructure errors on a non-final attempt, so that the job queue retries the whole run.
   */
  async execute(runId: string, opts: { finalAttempt: boolean } = { finalAttempt: true }): Promise<void> {
    const { db, logger } = this.deps;
    const claimed = await db.bookkeeping((sql) => q.claimRun(sql, runId));
    if (!claimed) return;
    const run: RunInfo = {
      id: runId,
      accountId: claimed.account_id,
      siteId: claimed.site_id,
      sectorId: claimed.sector_id,
      function: claimed.function,
      createdBy: claimed.created_by,
      creditsReserved: claimed.credits_reserved,
      requestedAt: claimed.requested_at,
    };
    const log = logger.child({ run_id: runId, function: run.function, attempt: claimed.attempts });
    const scope: Scope = { kind: 'account', accountId: run.accountId, siteIds: null, readOnly: false };
    let ai = new AIClient({ text: null, images: null }, this.limiter, run.accountId);
    let phase: Phase = 'INIT';
    let shown = -1;
    let lastWrite = 0;

    const write = async (progress: number, message: string, force: boolean) => {
      const now = Date.now();
      if (!force && (progress === shown || now - lastWrite < 250)) return;
      shown = progress;
      lastWrite = now;
      await db.bookkeeping((sql) => q.setProgress(sql, runId, { phase, progress, message }));
    };
    const enter = (next: Phase, message: string) => {
      phase = next;
      return write(PHASES[next][0], message, true);
    };
    const ctx: RunContext = {
      run,
      deps: this.deps,
      logger: log,
      get ai() {
        return ai;
      },
      db: (fn) => db.run(scope, fn),
      progress: async (fraction, message) => {
        const [from, to] = PHASES[phase];
        const value = Math.round(from + Math.min(1, Math.max(0, fraction)) * (to - from));
        // A lost progress report must never fail the run (functions may report without awaiting).
        await write(Math.min(value, to), message ?? '', false).catch((err) => log.warn({ err }, 'progress not recorded'));
      },
    };

    try {
      const fn = this.functions.get(run.function);
      if (!fn) throw new RunError(`Unknown AI function ${run.function}.`);
      const input = fn.input.parse(claimed.payload);
      // Claiming the run already recorded (and announced) INIT at 0 %.
      ai = new AIClient(await this.resolveProviders(run.accountId), this.limiter, run.accountId);
      await fn.validate?.(ctx, input);
      await enter('PREP', 'Preparing the data');
      const prepared = await fn.prepare(ctx, input);
      const prompts = (await fn.buildPrompt?.(ctx, prepared)) ?? [];
      await enter('AI_CALL', 'Asking the AI provider');
      const answers = fn.callAI ? await fn.callAI(ctx, prepared, prompts) : await answerAll(ctx, prompts);
      await enter('PARSE', 'Reading the answers');
      const parsed = await fn.parse(ctx, prepared, answers);
      await enter('SAVE', 'Saving');
      await db.run(scope, async (tx) => {
        const saved = await fn.save(ctx, tx, prepared, parsed);
        const credits = Math.max(0, Math.min(saved.credits, run.creditsReserved));
        if (!(await q.finishRun(tx, runId, { result: saved.result, credits, usage: ai.usage }))) throw new AlreadyFinished();
        await logUsage(tx, { accountId: run.accountId, runId, fn: run.function, credits, ...ai.usage });
        // Last: the account row stays locked only until the commit.
        await settle(tx, { accountId: run.accountId, runId, reserved: run.creditsReserved, used: credits, fn: run.function });
      });
      log.info({ credits: run.creditsReserved, usage: ai.usage }, 'run succeeded');
    } catch (err) {
      if (err instanceof AlreadyFinished) return;
      if (isTransient(err) && !opts.finalAttempt) {
        log.warn({ err }, 'run interrupted; the job will be retried');
        throw err;
      }
      const message = userMessage(err, run.function);
      if (!(err instanceof RunError || err instanceof ProviderError)) log.error({ err }, 'run failed');
      else log.info({ error: message }, 'run failed');
      await db.run(GLOBAL, (tx) => failRunAndRefund(tx, runId, message, ai.usage));
    }
  }
}

/** The default AI_CALL: every prompt answered in parallel (within the account's limit), progress per answer. */
async function answerAll(ctx: RunContext, prompts: PromptRequest[]): Promise<unknown[]> {
  let done = 0;
  return Promise.all(
    prompts.map(async (p) => {
      const answer = await ctx.ai.json(p);
      done++;
      await ctx.progress(done / prompts.length, `Answered ${done} of ${prompts.length}`);
      return answer;
    }),
  );
}
