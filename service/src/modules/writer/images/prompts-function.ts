import { CREDIT_COSTS, generateImagePromptsSchema } from '@igny8/shared';
import { ZodError, z } from 'zod';
import { visible } from '../../../access';
import { ProviderError } from '../../../providers/types';
import { RunError, type AIFunction, type RunContext } from '../../ai';
import { getPromptTemplate, renderPrompt } from '../../thinker';
import { altText, clip, h2Headings, imagePositions, plainText } from './plan';
import * as q from './queries';
import { STYLE_WORDS } from './styles';

type Input = z.infer<typeof generateImagePromptsSchema>;

const imageAnswer = z.object({
  prompt: z.string().min(1).max(2000),
  alt: z.string().min(1).max(400),
  caption: z.string().max(500),
});
const promptsAnswer = z.object({ featured: imageAnswer, in_article: z.array(imageAnswer).max(40) });
type Answer = z.infer<typeof promptsAnswer>;

type Planned = { content: q.PromptContent; places: { position: number; heading: string }[]; user: string };
type Prepared = { input: Input; planned: Planned[] };
type Outcome = { content: q.PromptContent; rows: q.PromptRow[] } | { content: q.PromptContent; error: string };

const SYSTEM =
  'You write prompts for a text-to-image model and the alt text and caption of each image, for a web article. ' +
  'Answer with JSON only, in the structure of the response schema.';

function plan(template: string, content: q.PromptContent, input: Input): Planned {
  const headings = h2Headings(content.html);
  const places = imagePositions(headings, input.sections_per_image);
  const keyword = content.primary_keyword || content.title;
  const prompt = renderPrompt(template, {
    title: content.title,
    content_excerpt: clip(plainText(content.html), 1200) || content.excerpt || content.title,
    sections: headings.map((h) => `- ${h}`).join('\n') || '(none)',
    style: `${input.style} (${STYLE_WORDS[input.style]})`,
  });
  const list = places.map((p, i) => `${i + 1}. ${p.heading}`).join('\n');
  const user = `${prompt}

Task now: write exactly one featured image and exactly ${places.length} in-article image${places.length === 1 ? '' : 's'}${places.length ? `, one for each of these sections, in this order:\n${list}` : ' (an empty in_article list)'}.
Alt text: what the image shows, at most 125 characters, naturally including the primary keyword "${keyword}" where it fits (always for the featured image). Caption: one short sentence shown under the image.${content.secondary_keywords.length ? `\nRelated keywords: ${content.secondary_keywords.join(', ')}.` : ''}`;
  return { content, places, user };
}

/** The rows of an answer: the featured image, then one per planned section in order (extra answers dropped). */
function rowsOf(p: Planned, answer: Answer): q.PromptRow[] {
  const keyword = p.content.primary_keyword || p.content.title;
  const row = (kind: q.PromptRow['kind'], position: number, a: z.infer<typeof imageAnswer>): q.PromptRow => ({
    kind, position, prompt: a.prompt.trim().slice(0, 4000), alt: altText(a.alt, keyword, kind === 'featured'), caption: clip(a.caption, 500),
  });
  return [row('featured', 0, answer.featured), ...p.places.flatMap((place, i) => (answer.in_article[i] ? [row('in_article', place.position, answer.in_article[i]!)] : []))];
}

const itemFailure = (err: unknown) =>
  err instanceof ProviderError || err instanceof RunError ? err.message
  : err instanceof ZodError ? 'The provider’s answer did not have the expected structure.'
  : null;

/**
 * generate_image_prompts: for each article, one featured-image prompt and one per few H2 sections,
 * each with alt text and a caption, saved as pending images. 1 credit per article whose prompts
 * are saved; each article succeeds or fails on its own and the failed ones are refunded.
 * Images already generated keep their prompt and file: the result says how many were kept.
 */
export const generateImagePrompts: AIFunction<Input, Prepared, Outcome[], Outcome[]> = {
  name: 'generate_image_prompts',
  input: generateImagePromptsSchema,
  dedupeKey: (value) => ({ ...value, content_ids: [...new Set(value.content_ids)].sort() }),

  async estimate(tx, value) {
    const content = await visible(tx, 'content', value.content_ids);
    const sectors = new Set(content.map((c) => c.sectorId));
    return {
      credits: content.length * CREDIT_COSTS.imagePrompts,
      siteIds: [...new Set(content.map((c) => c.siteId))],
      sectorId: sectors.size === 1 ? [...sectors][0]! : null,
    };
  },

  async prepare(ctx, value) {
    return ctx.db(async (tx) => {
      const content = await q.contentForPrompts(tx, [...new Set(value.content_ids)]);
      if (content.length === 0) throw new RunError('The content was deleted before its image prompts could be written.');
      const template = (await getPromptTemplate(tx, 'generate_image_prompts', ctx.run.accountId)).template;
      return { input: value, planned: content.map((c) => plan(template, c, value)) };
    });
  },

  async callAI(ctx: RunContext, { planned }) {
    let done = 0;
    return Promise.all(
      planned.map(async (p): Promise<Outcome> => {
        try {
          const answer = await ctx.ai.json({ system: SYSTEM, user: p.user, schemaName: 'image_prompts', schema: promptsAnswer, temperature: 0.7 });
          return { content: p.content, rows: rowsOf(p, answer) };
        } catch (err) {
          const error = itemFailure(err);
          if (error === null) throw err;
          ctx.logger.info({ content_id: p.content.id, error }, 'image prompts failed');
          return { content: p.content, error };
        } finally {
          done++;
          void ctx.progress(done / planned.length, `${done} of ${planned.length} articles done`);
        }
      }),
    );
  },

  parse(_ctx, _prepared, outcomes) {
    if (outcomes.every((o) => 'error' in o)) {
      throw new RunError(`No image prompts could be written. ${outcomes.map((o) => `${o.content.title}: ${'error' in o ? o.error : ''}`).join(' ')}`);
    }
    return outcomes;
  },

  async save(ctx, tx, { input }, outcomes) {
    const alive = await q.existingContent(tx, outcomes.map((o) => o.content.id));
    const items = [];
    for (const o of outcomes) {
      const error = !alive.has(o.content.id) ? 'The content was deleted while its image prompts were written.' : 'error' in o ? o.error : null;
      if (error !== null || !('rows' in o)) {
        items.push({ content_id: o.content.id, status: 'failed' as const, images: 0, kept: 0, removed: 0, error });
        continue;
      }
      const counts = await q.upsertPrompts(tx, o.content, o.rows, { style: input.style, size: input.size, runId: ctx.run.id });
      items.push({ content_id: o.content.id, status: 'succeeded' as const, images: counts.written, kept: counts.kept, removed: counts.removed, error: null });
    }
    const written = items.filter((i) => i.status === 'succeeded').length;
    const kept = items.reduce((n, i) => n + i.kept, 0);
    return {
      result: {
        articles: written, failed: items.length - written, images: items.reduce((n, i) => n + i.images, 0), kept,
        ...(kept ? { note: `${kept} image${kept === 1 ? ' was' : 's were'} already generated and kept its prompt and file; delete ${kept === 1 ? 'it' : 'them'} to plan anew.` } : {}),
        items,
      },
      credits: written * CREDIT_COSTS.imagePrompts,
    };
  },
};
