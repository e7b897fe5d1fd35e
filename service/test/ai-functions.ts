import { z } from 'zod';
import { RunError, type AIFunction } from '../src/modules/ai/types';
import { AI_FUNCTIONS } from '../src/worker';

/**
 * AI functions for exercising the engine itself. `test_echo` writes one row per item into
 * `test_outputs` (a table the tests create) so that duplicates would show; it can fail on demand,
 * wait (to be killed mid-run) and report progress.
 */
export const echoInput = z.object({
  items: z.array(z.string()).min(1),
  credits: z.number().int().min(0),
  used: z.number().int().min(0).optional(),
  fail: z.enum(['run_error', 'crash']).optional(),
  wait_ms: z.number().int().min(0).optional(),
  steps: z.number().int().min(0).optional(),
});
type EchoInput = z.infer<typeof echoInput>;

export const echoFunction: AIFunction<EchoInput, EchoInput, string[], string[]> = {
  name: 'test_echo',
  input: echoInput,
  // The items in their order: ['a', 'b'] and ['b', 'a'] are different runs.
  dedupeKey: (input) => input,
  async estimate(_tx, input) {
    return { credits: input.credits };
  },
  async prepare(_ctx, input) {
    return input;
  },
  async callAI(ctx, input) {
    for (let i = 1; i <= (input.steps ?? 0); i++) {
      await new Promise((r) => setTimeout(r, 300));
      await ctx.progress(i / input.steps!, `Step ${i}`);
    }
    if (input.wait_ms) await new Promise((r) => setTimeout(r, input.wait_ms));
    if (input.fail === 'run_error') throw new RunError('The provider said no.');
    if (input.fail === 'crash') throw new Error('boom');
    return input.items.map((s) => s.toUpperCase());
  },
  parse(_ctx, _input, answers) {
    return answers;
  },
  async save(ctx, tx, input, parsed) {
    for (const [i, value] of parsed.entries()) {
      await tx`insert into test_outputs (run_id, account_id, n, value) values (${ctx.run.id}, ${ctx.run.accountId}, ${i}, ${value})`;
    }
    return { result: { echoed: parsed.length }, credits: input.used ?? input.credits };
  },
};

/** The service's AI functions and the test ones, for engines under test. */
export const TEST_FUNCTIONS = [...AI_FUNCTIONS, echoFunction];

/** The table `test_echo` writes into, readable and writable by the app role. */
export const CREATE_TEST_OUTPUTS = `
  create table if not exists test_outputs (run_id uuid not null, account_id uuid not null, n int not null, value text not null);
  grant select, insert on test_outputs to igny8_app, igny8_global;`;
