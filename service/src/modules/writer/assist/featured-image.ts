import type { AssistInput, AssistResult } from '@igny8/shared';
import { z } from 'zod';
import type { Tx } from '../../../db/client';
import { notFound } from '../../../http/errors';
import type { RunContext } from '../../ai';
import { getPromptTemplate, renderPrompt } from '../../thinker';
import type { GenerationTask } from '../tasks/queries';
import { optimiseForWeb } from '../images/optimise';
import { altText, clip } from '../images/plan';
import { STYLE_WORDS } from '../images/styles';

/** The size of a featured image when the editor names none: the landscape shape themes crop least. */
const FEATURED_SIZE = '1536x1024';

/** Where a featured image written for the editor is kept until the editor copies it into its media library. */
export const featuredImageKey = (accountId: string, runId: string) => `${accountId}/assist/${runId}.webp`;

/** The path of the API that serves a featured image run's bytes. */
export const featuredImagePath = (runId: string) => `/writer/assist/${runId}/image`;

const answerSchema = z.object({ prompt: z.string().trim().min(1).max(2000), alt: z.string().trim().min(1).max(400), caption: z.string().trim().max(500) });

function imagePrompt(brief: string, task: GenerationTask, style: string, text: string | undefined) {
  const user = `${brief}${text?.trim() ? `\n\nThe post so far:\n${clip(text, 1200)}` : ''}

Task now: write the prompt of the post's featured image for a text-to-image model (${style}; no text or letters in the image), its alt text (what the image shows, at most 125 characters, naturally including the primary keyword "${task.primary_keyword}") and a caption of one short sentence.`;
  return {
    system: 'You write prompts for a text-to-image model and the alt text and caption of each image, for a web article. Answer with JSON only, in the structure of the response schema.',
    user,
    schemaName: 'assist_featured_image',
    schema: answerSchema,
  };
}

/**
 * The post's featured image: a prompt, alt text and caption written from the same brief as the
 * text, rendered by the account's image provider, made a WebP for the web and kept under the run's
 * id. The editor fetches it once to put it in its media library; nothing is saved as an image row.
 */
export async function writeFeaturedImage(ctx: RunContext, input: AssistInput, task: GenerationTask, brief: string): Promise<AssistResult> {
  const style = input.style ?? 'realistic';
  const [width, height] = (input.size ?? FEATURED_SIZE).split('x').map(Number) as [number, number];
  const answer = await ctx.ai.json(imagePrompt(brief, task, STYLE_WORDS[style], input.text));
  await ctx.progress(0.4, 'Rendering the image');
  const template = await ctx.db((tx) => getPromptTemplate(tx, 'generate_images', ctx.run.accountId));
  const rendered = await ctx.ai.image({ prompt: renderPrompt(template.template, { prompt: answer.prompt, style: STYLE_WORDS[style] }), width, height });
  const web = await optimiseForWeb(rendered.bytes);
  await ctx.deps.files.put(featuredImageKey(ctx.run.accountId, ctx.run.id), web.bytes);
  return {
    kind: 'featured_image',
    file: featuredImagePath(ctx.run.id),
    mime_type: web.mime,
    width: web.width,
    height: web.height,
    alt: altText(answer.alt, task.primary_keyword, true),
    caption: clip(answer.caption, 500),
    prompt: answer.prompt,
  };
}

/** Where the featured image of a run is, for the callers who see the run; 404 for anything else. */
export async function featuredImageRef(tx: Tx, runId: string) {
  // The run's row as its account's users see it (row-level security), read here for the file's key.
  const [run] = await tx<{ account_id: string; mime: string | null }[]>`
    select account_id, result->>'mime_type' as mime from ai_runs
    where id = ${runId} and function = 'assist' and status = 'succeeded' and result->>'kind' = 'featured_image'`;
  if (!run?.mime) throw notFound('Featured image');
  return { key: featuredImageKey(run.account_id, runId), mime: run.mime };
}
