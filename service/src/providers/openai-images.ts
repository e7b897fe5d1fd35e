import { downloadImage, imageFile, styledPrompt } from './image-bytes';
import { callOpenAI, modelFamily, type OpenAIContext } from './openai-call';
import { imageCostUsd, tokenCostUsd } from './pricing';
import { ProviderError, type ImageProvider } from './types';

// OpenAI's image models take a few fixed sizes; other servers get the size asked for.
const SIZES: Array<[RegExp, string[]]> = [
  [/^gpt-image/, ['1024x1024', '1536x1024', '1024x1536']],
  [/^dall-e-3/, ['1024x1024', '1792x1024', '1024x1792']],
  [/^dall-e-2/, ['256x256', '512x512', '1024x1024']],
];

/** The supported size closest in shape, then in area, to the one asked for. */
export function openAIImageSize(model: string, width: number, height: number): string {
  const sizes = SIZES.find(([family]) => family.test(modelFamily(model)))?.[1];
  if (!sizes) return `${Math.round(width)}x${Math.round(height)}`;
  const distance = (size: string) => {
    const [w, h] = size.split('x').map(Number) as [number, number];
    return [Math.abs(Math.log(w / h / (width / height))), Math.abs(Math.log((w * h) / (width * height)))] as const;
  };
  return sizes.reduce((best, size) => {
    const [shape, area] = distance(size);
    const [bestShape, bestArea] = distance(best);
    return shape < bestShape - 1e-9 || (Math.abs(shape - bestShape) <= 1e-9 && area < bestArea) ? size : best;
  });
}

export function openAIImages(ctx: OpenAIContext): ImageProvider['generate'] {
  const what = `image generation at ${ctx.host}`;

  return async function generate(req) {
    const model = ctx.settings.imageModel;
    const size = openAIImageSize(model, req.width, req.height);
    // GPT image models always answer base64 and reject `response_format`; the others default to a URL.
    const gptImage = modelFamily(model).startsWith('gpt-image');
    const answer = await callOpenAI(ctx, what, req.signal, async (o) => {
      const res = await ctx.client.images.generate(
        { model, prompt: styledPrompt(req.prompt, req.style), n: 1, size: size as never, ...(gptImage ? {} : { response_format: 'b64_json' as const }) },
        o,
      );
      const item = res.data?.[0];
      if (item?.b64_json) return { file: imageFile(Buffer.from(item.b64_json, 'base64'), what), url: undefined, usage: res.usage };
      if (item?.url) return { file: undefined, url: item.url, usage: res.usage };
      throw new ProviderError('bad_response', `${what}: the answer holds no image`);
    });
    const file = answer.file ?? (await downloadImage(answer.url!, { fetch: ctx.settings.fetch, policy: ctx.policy, timeoutMs: ctx.timeoutMs, ...(req.signal ? { signal: req.signal } : {}) }));
    const tokensIn = answer.usage?.input_tokens ?? 0;
    const tokensOut = answer.usage?.output_tokens ?? 0;
    const costUsd = answer.usage ? tokenCostUsd(model, tokensIn, tokensOut) : imageCostUsd(model, size);
    return { ...file, model, tokensIn, tokensOut, costUsd };
  };
}
