import { ASSIST_CREDITS, assistInputSchema, META_DESCRIPTION_MAX, type AssistInput, type AssistResult } from '@igny8/shared';
import { visibleOne } from '../../../access';
import type { Tx } from '../../../db/client';
import { invalid } from '../../../http/errors';
import { RunError, type AIFunction, type RunContext } from '../../ai';
import { renderArticle } from '../blocks/markup';
import { writeArticle, type AskPart } from '../generation/article';
import { articleBrief } from '../generation/brief';
import { fitMeta, outlinePrompt, sectionPrompt, type Outline } from '../generation/prompts';
import type { GenerationTask } from '../tasks/queries';
import { writeFeaturedImage } from './featured-image';
import { metaDescriptionPrompt, titlePrompt } from './prompts';
import * as q from './queries';

type Prepared = { input: AssistInput; task: GenerationTask; brief: string };

/** Words per section when the editor gives no outline to share the article's length among. */
const SECTION_WORDS = 300;

/** The site (and sector) of what the request names: 404 for what the caller cannot see. */
async function placeOf(tx: Tx, v: AssistInput): Promise<{ siteId: string; sectorId: string | null }> {
  const ref = v.keyword_id ? await visibleOne(tx, 'keyword', v.keyword_id)
    : v.cluster_id ? await visibleOne(tx, 'cluster', v.cluster_id)
    : v.idea_id ? await visibleOne(tx, 'idea', v.idea_id)
    : null;
  if (ref) {
    if (v.site_id && v.site_id !== ref.siteId) throw invalid('The request has invalid fields.', { site_id: ['Not the site of the keyword, cluster or idea named.'] });
    return { siteId: ref.siteId, sectorId: ref.sectorId };
  }
  if (!v.site_id) throw invalid('The request has invalid fields.', { site_id: ['Name the site a typed topic is for.'] });
  return { siteId: (await visibleOne(tx, 'site', v.site_id)).id, sectorId: null };
}

async function subjectOf(tx: Tx, v: AssistInput): Promise<q.Subject> {
  const found = v.keyword_id ? await q.keywordSubject(tx, v.keyword_id)
    : v.cluster_id ? await q.clusterSubject(tx, v.cluster_id)
    : v.idea_id ? await q.ideaSubject(tx, v.idea_id)
    : { title: v.topic!, primaryKeyword: v.topic!, secondaryKeywords: [], brief: '', contentType: 'guide', wordCount: 1500, outline: [] };
  if (!found) throw new RunError('The keyword, cluster or idea was deleted before the text could be written.');
  return found;
}

/** Each part asked as it comes: an editor's request is small and answered at once, so nothing is checkpointed. */
const direct: AskPart = (_n, ask) => ask();

async function write(ctx: RunContext, { input, task, brief }: Prepared): Promise<AssistResult> {
  switch (input.kind) {
    case 'title': {
      const answer = await ctx.ai.json(titlePrompt(brief, task.primary_keyword, input.text));
      return { kind: 'title', title: answer.title.replace(/\s+/g, ' ').slice(0, 300) };
    }
    case 'meta_description': {
      const answer = await ctx.ai.json(metaDescriptionPrompt(brief, task.primary_keyword, task.title, input.text));
      return { kind: 'meta_description', meta_description: fitMeta(answer.meta_description, task.primary_keyword, META_DESCRIPTION_MAX) };
    }
    case 'outline': {
      const o = await ctx.ai.json(outlinePrompt(brief, task, false));
      const outline = o.sections.map((s) => ({ heading: s.heading, level: s.level, notes: s.notes }));
      return { kind: 'outline', title: o.title, outline, blocks: renderArticle(outline.map((s) => ({ heading: s.heading, level: s.level, blocks: [] }))).blocks };
    }
    case 'section': {
      const sections = task.outline.map((s) => ({ heading: s.heading, level: s.level, notes: s.notes ?? '' }));
      const outline: Outline = { title: task.title, meta_title: '', meta_description: '', excerpt: '', sections, faq: [] };
      const at = input.heading === undefined ? -1 : sections.findIndex((s) => s.heading === input.heading);
      const answer = await ctx.ai.json(sectionPrompt(brief, task, outline, at + 1));
      const heading = at < 0 ? null : sections[at]!;
      const { blocks, wordCount } = renderArticle([{ heading: heading?.heading ?? null, level: heading?.level ?? 2, blocks: answer.blocks }]);
      return { kind: 'section', heading: heading?.heading ?? null, blocks, word_count: wordCount };
    }
    case 'draft': {
      const a = await writeArticle(ctx, task, brief, direct);
      return { kind: 'draft', title: a.title, meta_title: a.meta_title, meta_description: a.meta_description, excerpt: a.excerpt, blocks: a.blocks, word_count: a.word_count };
    }
    case 'featured_image':
      return writeFeaturedImage(ctx, input, task, brief);
  }
}

/**
 * assist: one piece of the post open in the block editor — a title, an outline, a section, a full
 * draft, a meta description or a featured image — about a keyword, a cluster, an idea or a typed
 * topic. It uses the same brief, outline and section prompts as generate_content, so the sidebar
 * writes as the writer does, and builds block markup on the server, so the editor inserts blocks
 * it knows. The result is only the run's: nothing is saved as content (a featured image's file is
 * kept under the run for the editor to fetch). Credits: ASSIST_CREDITS (3 for a draft, 2 for a
 * featured image, 1 else).
 */
export const assist: AIFunction<AssistInput, Prepared, AssistResult, AssistResult> = {
  name: 'assist',
  input: assistInputSchema,
  dedupeKey: (value) => value,

  async estimate(tx, value) {
    const place = await placeOf(tx, value);
    return { credits: ASSIST_CREDITS[value.kind], siteIds: [place.siteId], sectorId: place.sectorId };
  },

  async prepare(ctx, input) {
    return ctx.db(async (tx) => {
      const subject = await subjectOf(tx, input);
      const outline = input.outline ?? (input.heading ? [{ heading: input.heading, level: 2 as const }] : subject.outline);
      const task: GenerationTask = {
        id: ctx.run.id, account_id: ctx.run.accountId, site_id: ctx.run.siteId ?? '', sector_id: ctx.run.sectorId ?? '', cluster_id: null,
        title: input.title ?? subject.title, brief: subject.brief, content_type: subject.contentType, outline,
        primary_keyword: subject.primaryKeyword, secondary_keywords: subject.secondaryKeywords,
        // A section alone is sized for itself; a draft takes the subject's length.
        target_word_count: input.kind === 'section' && !input.outline && !subject.outline.length ? SECTION_WORDS * (outline.length + 1) : subject.wordCount,
        author_profile_id: null, strategy_id: null,
      };
      return { input, task, brief: await articleBrief(tx, task, ctx.run.accountId) };
    });
  },

  async callAI(ctx, prepared) {
    return write(ctx, prepared);
  },

  parse(_ctx, _prepared, result) {
    return result;
  },

  async save(_ctx, _tx, prepared, result) {
    return { result, credits: ASSIST_CREDITS[prepared.input.kind] };
  },
};
