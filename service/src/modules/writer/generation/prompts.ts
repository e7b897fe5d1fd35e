import { z } from 'zod';
import { META_DESCRIPTION_MAX, META_TITLE_MAX } from '@igny8/shared';
import { blockSchema } from '../blocks/schema';
import type { GenerationTask } from '../tasks/queries';

/** Content types whose readers expect a short FAQ at the end. */
export const FAQ_TYPES = new Set(['guide', 'how_to', 'explainer', 'comparison', 'review', 'landing_page']);

export const outlineAnswer = z.object({
  title: z.string().min(1).max(300),
  meta_title: z.string().min(1).max(200),
  meta_description: z.string().min(1).max(400),
  excerpt: z.string().min(1).max(1000),
  sections: z.array(z.object({ heading: z.string().min(1).max(300), level: z.union([z.literal(2), z.literal(3)]), notes: z.string().max(1000) })).min(1).max(40),
  faq: z.array(z.object({ question: z.string().min(1).max(300), answer: z.string().min(1).max(3000) })).max(10),
});
export type Outline = z.infer<typeof outlineAnswer>;

export const sectionAnswer = z.object({ blocks: z.array(blockSchema).min(1).max(80) });
export type SectionAnswer = z.infer<typeof sectionAnswer>;

const SYSTEM =
  'You write one part of a web article at a time. Answer with JSON only, in the structure of the response schema: ' +
  'it replaces any HTML output the brief asks for. Inline formatting inside text fields may use <strong>, <em>, <code> and <a href="https://…">.';

/** The plan: title, meta, excerpt, sections and FAQ. */
export function outlinePrompt(brief: string, task: GenerationTask, faq: boolean) {
  const user = `${brief}

Task now: plan the article. Give the title (it contains the primary keyword "${task.primary_keyword}"), a meta title of at most ${META_TITLE_MAX} characters and a meta description of at most ${META_DESCRIPTION_MAX} characters (both contain the primary keyword), an excerpt of one or two sentences, and the sections in order: H2 headings (level 2) with H3 subsections (level 3) where useful, one of the H2 headings containing the primary keyword, and for each a line of notes on what it covers. Do not include an introduction or an FAQ section among them.
${faq ? 'Also give 3 to 6 frequently asked questions with short answers (2–3 sentences).' : 'Give an empty faq list.'}`;
  return { system: SYSTEM, user, schemaName: 'content_outline', schema: outlineAnswer };
}

/** One section's blocks; part 0 is the introduction. */
export function sectionPrompt(brief: string, task: GenerationTask, outline: Outline, part: number) {
  const words = Math.max(80, Math.round(task.target_word_count / (outline.sections.length + 1)));
  const plan = outline.sections.map((s, i) => `${i + 1}. ${'  '.repeat(s.level - 2)}${s.heading}`).join('\n');
  const which = part === 0
    ? `the introduction (no heading): its first sentence uses the primary keyword "${task.primary_keyword}" and answers the searcher's question`
    : `section ${part}, "${outline.sections[part - 1]!.heading}" (${outline.sections[part - 1]!.notes || 'as planned'}), without repeating its heading`;
  const user = `${brief}

The article "${outline.title}" has these sections:
${plan}

Task now: write only ${which}, about ${words} words, as blocks: paragraphs, H3/H4 subheadings, lists (items may hold one nested list), tables and quotes where they help the reader.`;
  return { system: SYSTEM, user, schemaName: 'content_section', schema: sectionAnswer };
}

/** A meta text that names the keyword and fits the limit, cut at a word boundary. */
export function fitMeta(text: string, keyword: string, max: number): string {
  let value = text.replace(/\s+/g, ' ').trim();
  if (keyword && !value.toLowerCase().includes(keyword.toLowerCase())) value = `${keyword}: ${value}`;
  if (value.length <= max) return value;
  const cut = value.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : value.slice(0, max)).replace(/[\s,;:–-]+$/, '');
}
