// Published list prices in USD. They drift; an unknown model costs 0 rather than a guess, so a
// self-hosted model (Ollama, vLLM) is free in the usage log, as it is on the provider's bill.

/** USD per 1M tokens, input and output. */
const TOKEN_PRICES: Record<string, { in: number; out: number }> = {
  'gpt-4o': { in: 2.5, out: 10 },
  'gpt-4o-mini': { in: 0.15, out: 0.6 },
  'gpt-4.1': { in: 2, out: 8 },
  'gpt-4.1-mini': { in: 0.4, out: 1.6 },
  'gpt-4.1-nano': { in: 0.1, out: 0.4 },
  'gpt-5': { in: 1.25, out: 10 },
  'gpt-5-mini': { in: 0.25, out: 2 },
  'gpt-5-nano': { in: 0.05, out: 0.4 },
  'o3': { in: 2, out: 8 },
  'o4-mini': { in: 1.1, out: 4.4 },
  'gpt-4-turbo': { in: 10, out: 30 },
  'gpt-3.5-turbo': { in: 0.5, out: 1.5 },
  'text-embedding-3-small': { in: 0.02, out: 0 },
  'text-embedding-3-large': { in: 0.13, out: 0 },
  'text-embedding-ada-002': { in: 0.1, out: 0 },
  // Image models billed by tokens: text prompt in, image tokens out.
  'gpt-image-1': { in: 5, out: 40 },
  'gpt-image-1-mini': { in: 2, out: 8 },
};

/** USD per image by size ("WxH"), for models billed per picture. */
const IMAGE_PRICES: Record<string, Record<string, number>> = {
  'dall-e-3': { '1024x1024': 0.04, '1792x1024': 0.08, '1024x1792': 0.08 },
  'dall-e-2': { '1024x1024': 0.02, '512x512': 0.018, '256x256': 0.016 },
};

/**
 * The table entry for a model name as providers report it: `openai/gpt-4o` (routers) and
 * `gpt-4o-2024-08-06` (dated snapshots) both price as `gpt-4o`; the longest known prefix wins so
 * `gpt-4o-mini` is never priced as `gpt-4o`.
 */
function lookup<V>(table: Record<string, V>, model: string): V | undefined {
  const name = model.toLowerCase().replace(/^.*\//, '');
  if (Object.hasOwn(table, name)) return table[name];
  let best: string | undefined;
  for (const key of Object.keys(table)) {
    if (name.startsWith(`${key}-`) && (!best || key.length > best.length)) best = key;
  }
  return best === undefined ? undefined : table[best];
}

/** Cost of a call billed by tokens (chat, embeddings, token-billed images); 0 for an unknown model. */
export function tokenCostUsd(model: string, tokensIn: number, tokensOut: number): number {
  const price = lookup(TOKEN_PRICES, model);
  if (!price) return 0;
  return (tokensIn * price.in + tokensOut * price.out) / 1_000_000;
}

/** Cost of one image from a model billed per picture; 0 when the model or size is unknown. */
export function imageCostUsd(model: string, size: string): number {
  return lookup(IMAGE_PRICES, model)?.[size] ?? 0;
}
