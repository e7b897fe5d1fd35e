import { generateImagePrompts } from './prompts-function';
import { generateImages } from './generate-images';

export { generateImagePrompts, generateImages };

/** The AI functions of article images. */
export const imageFunctions = [generateImagePrompts, generateImages];
