import { META_DESCRIPTION_MAX, META_TITLE_MAX } from '@igny8/shared';
import type { RunContext } from '../../ai';
import { renderArticle } from '../blocks/markup';
import type { Section } from '../blocks/schema';
import type { GenerationTask } from '../tasks/queries';
import { FAQ_TYPES, fitMeta, outlinePrompt, sectionPrompt, type Outline, type SectionAnswer } from './prompts';
import * as q from './queries';

export type Article = {
  title: string; meta_title: string; meta_description: string; excerpt: string;
  blocks: string; html: string; word_count: number;
};

/** How an article's parts are asked for: part 0 is the outline, 1… the sections. */
export type AskPart = <T>(n: number, ask: () => Promise<T>) => Promise<T>;

/**
 * Asks each part as it comes, each answer checkpointed as it arrives. A part already checkpointed
 * by an earlier attempt of the run is taken from there, so a retry pays only for what is missing.
 */
export function checkpointed(ctx: RunContext, task: GenerationTask, saved: Map<string, unknown>): AskPart {
  return async <T>(n: number, ask: () => Promise<T>): Promise<T> => {
    const key = `${task.id}:${n}`;
    if (saved.has(key)) return saved.get(key) as T;
    const answer = await ask();
    await ctx.db((tx) => q.keepCheckpoint(tx, { runId: ctx.run.id, taskId: task.id, part: n, accountId: task.account_id, siteId: task.site_id, answer }));
    return answer;
  };
}

/** One article: the outline first, then every section in parallel (within the account's provider limit). */
export async function writeArticle(ctx: RunContext, task: GenerationTask, brief: string, part: AskPart): Promise<Article> {
  const faq = FAQ_TYPES.has(task.content_type);
  const outline = await part<Outline>(0, () => ctx.ai.json(outlinePrompt(brief, task, faq)));
  const answers = await Promise.all(
    Array.from({ length: outline.sections.length + 1 }, (_, n) => n).map((n) => part<SectionAnswer>(n + 1, () => ctx.ai.json(sectionPrompt(brief, task, outline, n)))),
  );
  const sections: Section[] = answers.map((a, i) => ({
    heading: i === 0 ? null : outline.sections[i - 1]!.heading,
    level: i === 0 ? 2 : outline.sections[i - 1]!.level,
    blocks: a.blocks,
  }));
  if (faq && outline.faq.length) {
    sections.push({ heading: 'Frequently asked questions', level: 2, blocks: outline.faq.flatMap((f) => [{ type: 'heading' as const, level: 3 as const, text: f.question }, { type: 'paragraph' as const, text: f.answer }]) });
  }
  const keyword = task.primary_keyword;
  const title = keyword && !outline.title.toLowerCase().includes(keyword.toLowerCase()) ? task.title : outline.title;
  return {
    title: title.slice(0, 300),
    meta_title: fitMeta(outline.meta_title, keyword, META_TITLE_MAX),
    meta_description: fitMeta(outline.meta_description, keyword, META_DESCRIPTION_MAX),
    excerpt: outline.excerpt.trim().slice(0, 1000),
    ...(({ blocks, html, wordCount }) => ({ blocks, html, word_count: wordCount }))(renderArticle(sections)),
  };
}
