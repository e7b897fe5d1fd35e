import { z } from 'zod';
import { META_DESCRIPTION_MAX } from '@igny8/shared';

const SYSTEM = 'You help an editor write a web article in the WordPress block editor. Answer with JSON only, in the structure of the response schema.';

/** The post's text as context, cut so that a long post does not crowd out the brief. */
const soFar = (text: string | undefined) => (text?.trim() ? `\n\nThe post so far:\n${text.trim().slice(0, 8000)}` : '');

export const titleAnswer = z.object({ title: z.string().trim().min(1).max(300) });

export function titlePrompt(brief: string, keyword: string, text: string | undefined) {
  const user = `${brief}${soFar(text)}

Task now: give the article's title only: at most 70 characters, containing the primary keyword "${keyword}", specific about what the reader gets.`;
  return { system: SYSTEM, user, schemaName: 'assist_title', schema: titleAnswer };
}

export const metaDescriptionAnswer = z.object({ meta_description: z.string().trim().min(1).max(400) });

export function metaDescriptionPrompt(brief: string, keyword: string, title: string, text: string | undefined) {
  const user = `${brief}${soFar(text)}

Task now: give the meta description of the article "${title}" only: at most ${META_DESCRIPTION_MAX} characters, containing the primary keyword "${keyword}", saying what the reader gets, without quotes.`;
  return { system: SYSTEM, user, schemaName: 'assist_meta_description', schema: metaDescriptionAnswer };
}
