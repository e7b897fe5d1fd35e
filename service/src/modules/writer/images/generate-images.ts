import { CREDIT_COSTS, generateImagesSchema } from '@igny8/shared';
import type { z } from 'zod';
import { visible } from '../../../access';
import { ProviderError } from '../../../providers/types';
import { RunError, type AIFunction } from '../../ai';
import { getPromptTemplate, renderPrompt } from '../../thinker';
import { optimiseForWeb } from './optimise';
import * as q from './queries';
import { STYLE_WORDS } from './styles';

type Input = z.infer<typeof generateImagesSchema>;
type Prepared = { images: q.ImageRow[]; template: string };
/** Per image: where its optimised file was stored, or why it could not be made. */
type Outcome = { image: q.ImageRow; file: q.StoredFile } | { image: q.ImageRow; error: string };

const DELETED = 'The image was deleted while it was generated.';

/** The file an earlier attempt of run `runId` rendered and recorded for the image, if it did. */
function renderedByRun(image: q.ImageRow, runId: string): q.StoredFile | null {
  if (image.run_id !== runId || image.status !== 'generated' || image.error !== null) return null;
  const { storage_key, mime_type, width, height, bytes, provider, model } = image;
  if (!storage_key || !mime_type || width === null || height === null || bytes === null) return null;
  return { storage_key, mime_type, width, height, bytes, provider: provider ?? '', model: model ?? '' };
}

/** Where an image's bytes are kept: one file per image, replaced when it is rendered again. */
export const storageKey = (image: { account_id: string; id: string }) => `${image.account_id}/${image.id}.webp`;

const sizeOf = (size: string) => {
  const [width, height] = size.split('x').map(Number) as [number, number];
  return { width, height };
};

/**
 * generate_images: renders each image with the account's image provider (Runware when it is
 * configured, else its OpenAI-compatible images model), the style written into the prompt. The
 * bytes are fetched at once (a URL answer through the guarded outbound fetch), made into a WebP
 * at most 1600 px wide and stored under `<account>/<image>.webp`; no provider URL is kept.
 * 1 credit per image stored: each succeeds or fails on its own, and failed ones are refunded.
 * Each image is recorded as soon as its file is stored, so a retried attempt of the run (a worker
 * stopped before the save) renders, and pays the provider for, only the images still missing.
 */
export const generateImages: AIFunction<Input, Prepared, Outcome[], Outcome[]> = {
  name: 'generate_images',
  input: generateImagesSchema,
  dedupeKey: (value) => ({ ...value, image_ids: [...new Set(value.image_ids)].sort() }),

  async estimate(tx, value) {
    const images = await visible(tx, 'image', value.image_ids);
    const sectors = new Set(images.map((i) => i.sectorId));
    return {
      credits: images.length * CREDIT_COSTS.image,
      siteIds: [...new Set(images.map((i) => i.siteId))],
      sectorId: sectors.size === 1 ? [...sectors][0]! : null,
    };
  },

  async prepare(ctx, value) {
    return ctx.db(async (tx) => {
      const ids = [...new Set(value.image_ids)];
      // The style and size asked for become the images' own, so the next rendering keeps them.
      await q.setStyleAndSize(tx, ids, { ...(value.style ? { style: value.style } : {}), ...(value.size ? { size: value.size } : {}) });
      const images = await q.imagesForGeneration(tx, ids);
      if (images.length === 0) throw new RunError('The images were deleted before they could be generated.');
      return { images, template: (await getPromptTemplate(tx, 'generate_images', ctx.run.accountId)).template };
    });
  },

  async callAI(ctx, { images, template }) {
    let done = 0;
    return Promise.all(
      images.map(async (image): Promise<Outcome> => {
        try {
          // Rendered and recorded by an earlier attempt of this run, which stopped before its save: not paid for twice.
          const earlier = renderedByRun(image, ctx.run.id);
          if (earlier) return { image, file: earlier };
          const prompt = renderPrompt(template, { prompt: image.prompt, style: STYLE_WORDS[image.style] });
          const answer = await ctx.ai.image({ prompt, ...sizeOf(image.size) });
          const web = await optimiseForWeb(answer.bytes);
          const key = storageKey(image);
          await ctx.deps.files.put(key, web.bytes);
          const file = { storage_key: key, mime_type: web.mime, width: web.width, height: web.height, bytes: web.bytes.length, provider: answer.provider, model: answer.model };
          // Recorded at once, so that a retried attempt of this run finds it instead of rendering it again.
          if (!(await ctx.db((tx) => q.markGenerated(tx, image.id, file, ctx.run.id)))) {
            await ctx.deps.files.delete(key);
            return { image, error: DELETED };
          }
          return { image, file };
        } catch (err) {
          if (!(err instanceof ProviderError || err instanceof RunError)) throw err;
          // Failures cost nothing, so they are recorded at once: the image says why even if the whole run fails.
          await ctx.db((tx) => q.markFailed(tx, image.id, err.message, ctx.run.id));
          ctx.logger.info({ image_id: image.id, error: err.message }, 'image failed');
          return { image, error: err.message };
        } finally {
          done++;
          void ctx.progress(done / images.length, `${done} of ${images.length} images done`);
        }
      }),
    );
  },

  parse(_ctx, _prepared, outcomes) {
    if (outcomes.every((o) => 'error' in o)) {
      throw new RunError(`No image could be generated. ${outcomes.map((o) => ('error' in o ? o.error : '')).join(' ')}`);
    }
    return outcomes;
  },

  async save(_ctx, tx, _prepared, outcomes) {
    // Each image was recorded as it was rendered; one deleted since then is not charged (its file goes with its row).
    const alive = await q.existingImages(tx, outcomes.map((o) => o.image.id));
    const items = outcomes.map((o) =>
      !alive.has(o.image.id) ? { image_id: o.image.id, status: 'failed' as const, error: DELETED }
      : 'error' in o ? { image_id: o.image.id, status: 'failed' as const, error: o.error }
      : { image_id: o.image.id, status: 'succeeded' as const, error: null },
    );
    const made = items.filter((i) => i.status === 'succeeded').length;
    return { result: { images: made, failed: items.length - made, items }, credits: made * CREDIT_COSTS.image };
  },
};
