import { CREDIT_COSTS, MAX_TASKS_PER_GENERATION } from '@igny8/shared';
import { ZodError, z } from 'zod';
import { visible } from '../../../access';
import { ProviderError } from '../../../providers/types';
import { RunError, type AIFunction } from '../../ai';
import { keepRevision } from '../content/queries';
import { placeInternalLinks } from '../links/service';
import { setTaskStatus, tasksForGeneration, type GenerationTask } from '../tasks/queries';
import { checkpointed, writeArticle, type Article } from './article';
import { articleBrief } from './brief';
import * as q from './queries';

const input = z.object({ task_ids: z.array(z.uuid()).min(1).max(MAX_TASKS_PER_GENERATION) }).strict();
type Input = z.infer<typeof input>;

type Prepared = { tasks: { task: GenerationTask; brief: string }[]; saved: Map<string, unknown> };
/** Per task: its article, or why it could not be written. */
type Outcome = { task: GenerationTask; article: Article } | { task: GenerationTask; error: string };

/** A failure that belongs to one article (the provider, its answers, the request): the others go on. */
const articleFailure = (err: unknown) =>
  err instanceof ProviderError || err instanceof RunError ? err.message
  : err instanceof ZodError ? 'The provider’s answer did not have the expected structure.'
  : null;

/**
 * generate_content: one run for up to 50 tasks, with a result per article. Each article succeeds
 * or fails on its own: the run saves the articles that were written and charges 3 credits for
 * each, and the reserve of the failed ones is refunded when the run settles; its result lists
 * every task with its content id or its error. Only when no article could be written does the
 * run fail (and everything is refunded). Provider answers are checkpointed, so a retried run
 * resumes where it stopped.
 */
export const generateContent: AIFunction<Input, Prepared, Outcome[], Outcome[]> = {
  name: 'generate_content',
  input,
  dedupeKey: (value) => ({ task_ids: [...new Set(value.task_ids)].sort() }),

  async estimate(tx, value) {
    const tasks = await visible(tx, 'task', value.task_ids);
    const sectors = new Set(tasks.map((t) => t.sectorId));
    return {
      credits: tasks.length * CREDIT_COSTS.content,
      siteIds: [...new Set(tasks.map((t) => t.siteId))],
      sectorId: sectors.size === 1 ? [...sectors][0]! : null,
    };
  },

  async prepare(ctx, value) {
    return ctx.db(async (tx) => {
      const tasks = await tasksForGeneration(tx, [...new Set(value.task_ids)]);
      if (tasks.length === 0) throw new RunError('The tasks were deleted before their articles could be written.');
      const briefs = [];
      for (const task of tasks) briefs.push({ task, brief: await articleBrief(tx, task, ctx.run.accountId) });
      await setTaskStatus(tx, tasks.map((t) => t.id), 'in_progress');
      return { tasks: briefs, saved: await q.checkpoints(tx, ctx.run.id) };
    });
  },

  async callAI(ctx, prepared) {
    let done = 0;
    return Promise.all(
      prepared.tasks.map(async ({ task, brief }): Promise<Outcome> => {
        try {
          return { task, article: await writeArticle(ctx, task, brief, checkpointed(ctx, task, prepared.saved)) };
        } catch (err) {
          const error = articleFailure(err);
          // Anything else (the database, a bug) is the run's: the engine retries or fails it whole.
          if (error === null) throw err;
          ctx.logger.info({ task_id: task.id, error }, 'article failed');
          return { task, error };
        } finally {
          done++;
          void ctx.progress(done / prepared.tasks.length, `${done} of ${prepared.tasks.length} articles done`);
        }
      }),
    );
  },

  parse(_ctx, _prepared, outcomes) {
    if (outcomes.every((o) => 'error' in o)) {
      throw new RunError(`No article could be written. ${outcomes.map((o) => `${o.task.title}: ${'error' in o ? o.error : ''}`).join(' ')}`);
    }
    return outcomes;
  },

  async save(ctx, tx, _prepared, outcomes) {
    const alive = await q.existingTasks(tx, outcomes.map((o) => o.task.id));
    const items = [];
    for (const o of outcomes) {
      const error = !alive.has(o.task.id) ? 'The task was deleted while its article was written.' : 'error' in o ? o.error : null;
      if (error !== null || !('article' in o)) {
        items.push({ task_id: o.task.id, status: 'failed' as const, content_id: null, error });
        continue;
      }
      const row = { ...o.article, primary_keyword: o.task.primary_keyword, secondary_keywords: o.task.secondary_keywords, run_id: ctx.run.id };
      let contentId = await q.contentOfTask(tx, o.task.id);
      if (contentId) {
        await keepRevision(tx, contentId, 'generation', ctx.run.createdBy);
        await q.replaceContent(tx, contentId, row);
      } else {
        contentId = await q.insertContent(tx, {
          ...row, account_id: o.task.account_id, site_id: o.task.site_id, sector_id: o.task.sector_id, task_id: o.task.id, created_by: ctx.run.createdBy,
        });
      }
      await placeInternalLinks(tx, contentId);
      items.push({ task_id: o.task.id, status: 'succeeded' as const, content_id: contentId, error: null });
    }
    const written = items.filter((i) => i.status === 'succeeded');
    await setTaskStatus(tx, written.map((i) => i.task_id), 'completed');
    await setTaskStatus(tx, items.filter((i) => i.status === 'failed' && alive.has(i.task_id)).map((i) => i.task_id), 'failed');
    await q.dropCheckpoints(tx, ctx.run.id);
    return { result: { articles: written.length, failed: items.length - written.length, items }, credits: written.length * CREDIT_COSTS.content };
  },
};
