import type { CreateEmbeddingResponse } from 'openai/resources/embeddings';
import { callOpenAI, type OpenAIContext } from './openai-call';
import { tokenCostUsd } from './pricing';
import { ProviderError, type TextProvider } from './types';

const DEFAULT_BATCH_SIZE = 512;

/** The vectors of one batch in input order, or an error when the answer does not fit the request. */
function vectorsInOrder(res: CreateEmbeddingResponse, count: number, what: string): number[][] {
  const vectors: number[][] = new Array(count);
  for (const item of res.data ?? []) {
    const v = item.embedding as unknown;
    if (!Number.isInteger(item.index) || item.index < 0 || item.index >= count || vectors[item.index]) {
      throw new ProviderError('bad_response', `${what}: unexpected embedding index ${item.index} for ${count} inputs`);
    }
    if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      throw new ProviderError('bad_response', `${what}: embedding ${item.index} is not a list of numbers`);
    }
    vectors[item.index] = v;
  }
  const missing = vectors.length - vectors.filter(Boolean).length;
  if (missing > 0) throw new ProviderError('bad_response', `${what}: ${missing} of ${count} embeddings missing from the answer`);
  if (vectors.some((v) => v.length !== vectors[0]!.length)) {
    throw new ProviderError('bad_response', `${what}: embeddings of different lengths in one answer`);
  }
  return vectors;
}

/** Embeddings in batches, one request after another, in input order, usage summed. */
export function openAIEmbeddings(ctx: OpenAIContext): TextProvider['embed'] {
  const what = `embeddings at ${ctx.host}`;
  const batchSize = Math.max(1, ctx.settings.embeddingBatchSize ?? DEFAULT_BATCH_SIZE);

  return async function embed(texts, opts) {
    const model = ctx.settings.embeddingModel;
    const vectors: number[][] = [];
    let tokensIn = 0;
    for (let start = 0; start < texts.length; start += batchSize) {
      const batch = texts.slice(start, start + batchSize);
      // 'float' explicitly: the SDK otherwise asks for base64 and decodes it, which breaks on the
      // compatible servers that ignore the parameter and send plain arrays.
      const { res, batchVectors } = await callOpenAI(ctx, what, opts?.signal, async (o) => {
        const res = await ctx.client.embeddings.create({ model, input: batch, encoding_format: 'float' }, o);
        return { res, batchVectors: vectorsInOrder(res, batch.length, what) };
      });
      vectors.push(...batchVectors);
      tokensIn += res.usage?.prompt_tokens ?? 0;
    }
    return { vectors, model, tokensIn, tokensOut: 0, costUsd: tokenCostUsd(model, tokensIn, 0) };
  };
}
