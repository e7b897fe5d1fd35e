import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FAKE_PNG, fakeEmbedding, INVALID_API_KEY, startFakeProvider, synthesize, type FakeProvider } from './fake-provider';

let fake: FakeProvider;
const post = (url: string, body: unknown, key = 'test-key') =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(body) });

const json = (r: Response) => r.json() as Promise<any>;
const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

const Article = z.object({
  title: z.string().min(20),
  kind: z.enum(['guide', 'list']),
  words: z.number().int().min(500).max(900),
  sections: z.array(z.object({ heading: z.string(), keywords: z.array(z.string()).min(1).max(2) })).min(1),
  published: z.iso.datetime(),
  note: z.string().nullable(),
});

beforeEach(async () => {
  fake ??= await startFakeProvider();
  fake.clearFaults();
  fake.latency(0);
  fake.jsonSchemaSupport(true);
  fake.requests.length = 0;
});
afterAll(() => fake?.close());

describe('fake provider: chat completions', () => {
  it('synthesises an answer that satisfies the requested JSON schema, with token usage', async () => {
    const schema = z.toJSONSchema(Article);
    const res = await post(`${fake.openaiBaseUrl}/chat/completions`, {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Write it.' }],
      response_format: { type: 'json_schema', json_schema: { name: 'article', schema, strict: true } },
    });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(Article.parse(JSON.parse(body.choices[0].message.content))).toMatchObject({ kind: 'guide' });
    expect(body.usage.prompt_tokens).toBeGreaterThan(0);
    expect(body.usage.completion_tokens).toBeGreaterThan(0);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.body.model).toBe('gpt-4o-mini');
  });

  it('ends recursive schemas', () => {
    const Tree: z.ZodType<{ name: string; children?: unknown[] }> = z.object({ name: z.string(), get children() { return z.array(Tree).optional(); } });
    const schema = z.toJSONSchema(Tree) as Record<string, unknown>;
    expect(Tree.safeParse(synthesize(schema, schema)).success).toBe(true);
  });

  it('answers with the custom answer registered for the schema name, also in JSON mode', async () => {
    fake.onChat('greeting', (body) => ({ hello: body.model }));
    const viaSchema = await post(`${fake.openaiBaseUrl}/chat/completions`, {
      model: 'm1', messages: [{ role: 'user', content: 'hi' }],
      response_format: { type: 'json_schema', json_schema: { name: 'greeting', schema: { type: 'object' } } },
    }).then(json);
    expect(JSON.parse(viaSchema.choices[0].message.content)).toEqual({ hello: 'm1' });

    const system = 'Answer in JSON.\n```json\n{"title": "greeting", "type": "object"}\n```';
    const viaPrompt = await post(`${fake.openaiBaseUrl}/chat/completions`, {
      model: 'm2', messages: [{ role: 'system', content: system }, { role: 'user', content: 'hi' }], response_format: { type: 'json_object' },
    }).then(json);
    expect(JSON.parse(viaPrompt.choices[0].message.content)).toEqual({ hello: 'm2' });
  });

  it('refuses json_schema with 400 when told to behave like an older server', async () => {
    fake.jsonSchemaSupport(false);
    const res = await post(`${fake.openaiBaseUrl}/chat/completions`, {
      model: 'm', messages: [], response_format: { type: 'json_schema', json_schema: { name: 'x', schema: {} } },
    });
    expect(res.status).toBe(400);
    expect((await json(res)).error.param).toBe('response_format');
  });

  it('refuses the invalid key with 401', async () => {
    const res = await post(`${fake.openaiBaseUrl}/chat/completions`, { model: 'm', messages: [] }, INVALID_API_KEY);
    expect(res.status).toBe(401);
  });
});

describe('fake provider: faults', () => {
  it('answers 429 with Retry-After for the next `times` matching requests, then normally', async () => {
    fake.fault({ kind: '429', times: 2, retryAfterSeconds: 3, path: 'embeddings' });
    const chat = await post(`${fake.openaiBaseUrl}/chat/completions`, { model: 'm', messages: [] });
    expect(chat.status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await post(`${fake.openaiBaseUrl}/embeddings`, { model: 'e', input: 'a' });
      statuses.push(res.status);
      if (res.status === 429) expect(res.headers.get('retry-after')).toBe('3');
    }
    expect(statuses).toEqual([429, 429, 200]);
  });

  it('applies faults in the order given and forgets them on clearFaults', async () => {
    fake.fault({ kind: '500' });
    fake.fault({ kind: '429' });
    fake.fault({ kind: '500', times: 5 });
    const first = await post(`${fake.openaiBaseUrl}/embeddings`, { model: 'e', input: 'a' });
    const second = await post(`${fake.openaiBaseUrl}/embeddings`, { model: 'e', input: 'a' });
    fake.clearFaults();
    const third = await post(`${fake.openaiBaseUrl}/embeddings`, { model: 'e', input: 'a' });
    expect([first.status, second.status, third.status]).toEqual([500, 429, 200]);
  });

  it('drops the connection', async () => {
    fake.fault({ kind: 'drop' });
    await expect(post(`${fake.openaiBaseUrl}/embeddings`, { model: 'e', input: 'a' })).rejects.toThrow();
    expect(fake.requests).toHaveLength(1);
  });

  it('sends non-JSON content or a schema-violating object in a 200 chat answer', async () => {
    fake.fault({ kind: 'malformed_json' });
    fake.fault({ kind: 'schema_violation' });
    const schema = z.toJSONSchema(Article);
    const ask = () => post(`${fake.openaiBaseUrl}/chat/completions`, {
      model: 'm', messages: [], response_format: { type: 'json_schema', json_schema: { name: 'article', schema } },
    }).then(json);
    const malformed = (await ask()).choices[0].message.content;
    expect(() => JSON.parse(malformed)).toThrow();
    const violating = JSON.parse((await ask()).choices[0].message.content);
    expect(Article.safeParse(violating).success).toBe(false);
  });

  it('holds a slow answer back, and lets go when the client gives up', async () => {
    fake.fault({ kind: 'slow', delayMs: 60_000 });
    const controller = new AbortController();
    const held = fetch(`${fake.openaiBaseUrl}/embeddings`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'e', input: 'a' }), signal: controller.signal,
    }).then(() => 'answered', (err: Error) => err.name);
    const outcome = await Promise.race([held, new Promise((r) => setTimeout(() => r('held'), 200))]);
    controller.abort();
    expect(outcome).toBe('held');
    expect(await held).toBe('AbortError');
    expect((await post(`${fake.openaiBaseUrl}/embeddings`, { model: 'e', input: 'a' })).status).toBe(200);
  });
});

describe('fake provider: embeddings', () => {
  it('gives deterministic unit vectors where similar strings are closer than unrelated ones', async () => {
    const input = ['best running shoes', 'best running shoe', 'chocolate cake recipe'];
    const body = await post(`${fake.openaiBaseUrl}/embeddings`, { model: 'e', input, encoding_format: 'float' }).then(json);
    const [a, b, c] = body.data.map((d: { embedding: number[] }) => d.embedding) as number[][];
    expect(a).toHaveLength(64);
    expect(cosine(a!, a!)).toBeCloseTo(1, 6);
    expect(cosine(a!, b!)).toBeGreaterThan(0.8);
    expect(cosine(a!, c!)).toBeLessThan(cosine(a!, b!) - 0.3);
    expect(a).toEqual(fakeEmbedding('best running shoes'));
    expect(body.usage.prompt_tokens).toBeGreaterThan(0);
  });

  it('encodes base64 float32 when asked', async () => {
    const body = await post(`${fake.openaiBaseUrl}/embeddings`, { model: 'e', input: 'abc', encoding_format: 'base64' }).then(json);
    const decoded = Array.from(new Float32Array(Uint8Array.from(Buffer.from(body.data[0].embedding, 'base64')).buffer));
    expect(decoded[0]).toBeCloseTo(fakeEmbedding('abc')[0]!, 6);
  });
});

describe('fake provider: images', () => {
  it('answers b64_json PNGs, or URLs it serves itself', async () => {
    const b64 = await post(`${fake.openaiBaseUrl}/images/generations`, { model: 'dall-e-3', prompt: 'a cat', response_format: 'b64_json' }).then(json);
    expect(Buffer.from(b64.data[0].b64_json, 'base64').equals(FAKE_PNG)).toBe(true);

    const byUrl = await post(`${fake.openaiBaseUrl}/images/generations`, { model: 'dall-e-3', prompt: 'a cat' }).then(json);
    const file = await fetch(byUrl.data[0].url);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer()).equals(FAKE_PNG)).toBe(true);
  });

  it('answers the image chosen for a request, by base64 or behind a URL on any origin, or refuses it', async () => {
    const chosen = Buffer.concat([FAKE_PNG, Buffer.from('chosen')]);
    fake.onImage((body) => (body.prompt.includes('dog') ? 'refuse' : chosen));
    try {
      const b64 = await post(`${fake.openaiBaseUrl}/images/generations`, { model: 'gpt-image-1', prompt: 'a cat' }).then(json);
      expect(Buffer.from(b64.data[0].b64_json, 'base64').equals(chosen)).toBe(true);
      const byUrl = await post(`${fake.openaiBaseUrl}/images/generations`, { model: 'dall-e-3', prompt: 'a cat' }).then(json);
      expect(Buffer.from(await (await fetch(byUrl.data[0].url)).arrayBuffer()).equals(chosen)).toBe(true);
      const refused = await post(`${fake.openaiBaseUrl}/images/generations`, { model: 'dall-e-3', prompt: 'a dog' });
      expect(refused.status).toBe(400);
      expect((await json(refused)).error.code).toBe('content_policy_violation');
      fake.imageUrlOrigin('http://10.0.0.1');
      const elsewhere = await post(`${fake.openaiBaseUrl}/images/generations`, { model: 'dall-e-3', prompt: 'a cat' }).then(json);
      expect(elsewhere.data[0].url).toMatch(/^http:\/\/10\.0\.0\.1\/files\/.+\.png$/);
    } finally {
      fake.onImage(null);
      fake.imageUrlOrigin(null);
    }
  });

  it('rejects response_format for GPT image models, as the real API does', async () => {
    const res = await post(`${fake.openaiBaseUrl}/images/generations`, { model: 'gpt-image-1', prompt: 'a cat', response_format: 'b64_json' });
    expect(res.status).toBe(400);
  });
});

describe('fake provider: Runware', () => {
  const task = (over: Record<string, unknown> = {}) => ({
    taskType: 'imageInference', taskUUID: crypto.randomUUID(), positivePrompt: 'a red bicycle', model: 'runware:101@1',
    width: 1024, height: 576, numberResults: 1, outputType: 'URL', outputFormat: 'JPG', includeCost: true, ...over,
  });

  it('answers an imageURL it serves, with the cost, matched by taskUUID', async () => {
    const t = task();
    const body = await post(fake.runwareUrl, [t]).then(json);
    expect(body.data[0]).toMatchObject({ taskType: 'imageInference', taskUUID: t.taskUUID, cost: 0.0013 });
    const file = await fetch(body.data[0].imageURL);
    expect(Buffer.from(await file.arrayBuffer()).equals(FAKE_PNG)).toBe(true);
  });

  it('accepts the key as an authentication task too', async () => {
    const res = await fetch(fake.runwareUrl, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ taskType: 'authentication', apiKey: INVALID_API_KEY }, task()]),
    });
    expect(res.status).toBe(401);
    expect((await json(res)).errors[0].code).toBe('invalidApiKey');
  });

  it('answers errors for an invalid task', async () => {
    const t = task({ width: 1000 });
    const res = await post(fake.runwareUrl, [t]);
    expect(res.status).toBe(400);
    expect((await json(res)).errors[0]).toMatchObject({ code: 'invalidWidth', taskUUID: t.taskUUID });
  });
});
