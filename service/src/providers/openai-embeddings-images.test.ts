import { describe, expect, it } from 'vitest';
import { FAKE_PNG, fakeEmbedding } from '../../test/fake-provider';
import { useFakeProvider } from '../../test/use-fake-provider';
import { testOpenAIProvider } from '../../test/test-providers';
import type { OpenAISettings } from './openai-compatible';
import { openAIImageSize } from './openai-images';
import { ProviderError } from './types';

const fake = useFakeProvider((f) => f.imageUrlsOnly(false));

const provider = (over: Partial<OpenAISettings> = {}) => testOpenAIProvider(fake, over);
const sent = (path: string) => fake.requests.filter((r) => r.path === path);
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a ProviderError'); }, (err: unknown) => err as ProviderError);

describe('embed', () => {
  const texts = ['running shoes', 'trail running shoes', 'marathon training plan', 'chocolate cake', 'vegan cake recipe'];

  it('batches the inputs, keeps their order and sums the usage', async () => {
    const answer = await provider({ embeddingBatchSize: 2 }).embed(texts);
    expect(answer.vectors).toEqual(texts.map((t) => fakeEmbedding(t)));
    const requests = sent('/v1/embeddings');
    expect(requests.map((r) => r.body.input)).toEqual([texts.slice(0, 2), texts.slice(2, 4), texts.slice(4)]);
    expect(requests.every((r) => r.body.encoding_format === 'float' && r.body.model === 'text-embedding-3-small')).toBe(true);
    expect(answer.tokensIn).toBe(texts.reduce((n, t) => n + Math.ceil(t.length / 4), 0));
    expect(answer).toMatchObject({ model: 'text-embedding-3-small', tokensOut: 0 });
    expect(answer.costUsd).toBeCloseTo((answer.tokensIn * 0.02) / 1e6, 12);
  });

  it('makes no request for no texts', async () => {
    await expect(provider().embed([])).resolves.toMatchObject({ vectors: [], tokensIn: 0, costUsd: 0 });
    expect(fake.requests).toHaveLength(0);
  });

  it('retries a batch whose answer misses a vector, and fails with bad_response when it keeps missing', async () => {
    fake.fault({ kind: 'schema_violation', path: 'embeddings' });
    const answer = await provider({ embeddingBatchSize: 3 }).embed(texts);
    expect(answer.vectors).toHaveLength(5);
    expect(sent('/v1/embeddings')).toHaveLength(3);

    fake.fault({ kind: 'schema_violation', times: 10, path: 'embeddings' });
    const err = await failure(provider().embed(texts));
    expect(err).toMatchObject({ kind: 'bad_response' });
    expect(err.message).toContain('1 of 5 embeddings missing');
  });

  it('retries a body that is not JSON, and reports bad_response when it persists', async () => {
    fake.fault({ kind: 'malformed_json', path: 'embeddings' });
    await expect(provider().embed(['a b c'])).resolves.toHaveProperty('vectors');
    fake.fault({ kind: 'malformed_json', times: 10, path: 'embeddings' });
    await expect(failure(provider({ maxRetries: 1 }).embed(['a b c']))).resolves.toMatchObject({ kind: 'bad_response' });
  });

  it('retries a 429 in the middle of the batches without losing or repeating a batch', async () => {
    // A slow fault of 0 ms lets the first batch through untouched, so the 429 hits the second.
    fake.fault({ kind: 'slow', delayMs: 0, path: 'embeddings' });
    fake.fault({ kind: '429', retryAfterMs: 20, path: 'embeddings' });
    const answer = await provider({ embeddingBatchSize: 2 }).embed(texts);
    expect(answer.vectors).toEqual(texts.map((t) => fakeEmbedding(t)));
    expect(sent('/v1/embeddings').map((r) => r.body.input[0])).toEqual(['running shoes', 'marathon training plan', 'marathon training plan', 'vegan cake recipe']);
  });
});

describe('generate (OpenAI images)', () => {
  it('asks a DALL·E model for b64_json in its nearest size and returns the bytes with the per-image price', async () => {
    const image = await provider().generate({ prompt: 'A trail runner at dawn', width: 1200, height: 628, style: 'realistic' });
    expect(image.bytes.equals(FAKE_PNG)).toBe(true);
    expect(image).toMatchObject({ mime: 'image/png', model: 'dall-e-3', costUsd: 0.08 });
    const [request] = sent('/v1/images/generations');
    expect(request!.body).toMatchObject({ model: 'dall-e-3', n: 1, size: '1792x1024', response_format: 'b64_json' });
    expect(request!.body.prompt).toMatch(/^A trail runner at dawn\n\nStyle: photorealistic/);
  });

  it('leaves response_format out for GPT image models and prices them by tokens', async () => {
    const image = await provider({ imageModel: 'gpt-image-1' }).generate({ prompt: 'A cake', width: 800, height: 1200 });
    expect(image.mime).toBe('image/png');
    const [request] = sent('/v1/images/generations');
    expect(request!.body).not.toHaveProperty('response_format');
    expect(request!.body.size).toBe('1024x1536');
    expect(image.tokensOut).toBe(272);
    expect(image.costUsd).toBeCloseTo((image.tokensIn * 5 + 272 * 40) / 1e6, 12);
  });

  it('downloads the file at once when the server only answers URLs', async () => {
    fake.imageUrlsOnly(true);
    const image = await provider({ imageModel: 'local-diffusion' }).generate({ prompt: 'A cake', width: 640, height: 480 });
    expect(image.bytes.equals(FAKE_PNG)).toBe(true);
    expect(fake.requests.map((r) => r.path)).toEqual(['/v1/images/generations', expect.stringMatching(/^\/files\/.+\.png$/)]);
    expect(sent('/v1/images/generations')[0]!.body.size).toBe('640x480');
    expect(image.costUsd).toBe(0);
  });

  it('retries an answer without an image, then gives up with bad_response', async () => {
    fake.fault({ kind: 'schema_violation', path: 'images' });
    await expect(provider().generate({ prompt: 'x', width: 1024, height: 1024 })).resolves.toHaveProperty('bytes');
    fake.fault({ kind: 'schema_violation', times: 10, path: 'images' });
    const err = await failure(provider({ maxRetries: 1 }).generate({ prompt: 'x', width: 1024, height: 1024 }));
    expect(err).toMatchObject({ kind: 'bad_response' });
    expect(err.message).toContain('holds no image');
  });

  it('maps sizes to the nearest supported shape per model family', () => {
    expect(openAIImageSize('dall-e-3', 1024, 1024)).toBe('1024x1024');
    expect(openAIImageSize('dall-e-3', 600, 900)).toBe('1024x1792');
    expect(openAIImageSize('openai/gpt-image-1', 1920, 1080)).toBe('1536x1024');
    expect(openAIImageSize('dall-e-2', 300, 300)).toBe('256x256');
    expect(openAIImageSize('dall-e-2', 1600, 900)).toBe('1024x1024');
    expect(openAIImageSize('flux-schnell', 1000, 700)).toBe('1000x700');
  });
});
