import type { ImageStyle } from '@igny8/shared';

/** How each image style is said to a text-to-image model: no image API takes a style that works across models. */
export const STYLE_WORDS: Record<ImageStyle, string> = {
  realistic: 'photorealistic, natural light, like a professional photograph',
  artistic: 'artistic illustration, painterly, expressive colours',
  cartoon: 'cartoon, clean outlines, flat bright colours',
};
