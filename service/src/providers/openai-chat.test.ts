import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { INVALID_API_KEY } from '../../test/fake-provider';
import { useFakeProvider } from '../../test/use-fake-provider';
import { testOpenAIProvider } from '../../test/test-providers';
import type { OpenAISettings } from './openai-compatible';
import { ProviderError } from './types';

const fake = useFakeProvider((f) => f.jsonSchemaSupport(true));

const provider = (over: Partial<OpenAISettings> = {}) => testOpenAIProvider(fake, over);

const Idea = z.object({
  title: z.string().min(5),
  angle: z.enum(['how-to', 'listicle', 'comparison']),
  outline: z.array(z.string()).min(1),
  note: z.string().optional(),
});
const ask = (p = provider(), over: { signal?: AbortSignal } = {}) =>
  p.completeJson({ system: 'You plan articles.', user: 'One idea about running shoes.', schemaName: 'idea', schema: Idea, ...over });
const chats = () => fake.requests.filter((r) => r.path === '/v1/chat/completions');
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a ProviderError'); }, (err: unknown) => err as ProviderError);

describe('completeJson', () => {
  it('asks with a strict json_schema and returns the validated answer with usage and cost', async () => {
    const answer = await ask();
    expect(Idea.parse(answer.data)).toEqual(answer.data);
    expect(answer).toMatchObject({ model: 'gpt-4o-mini' });
    expect(answer.tokensIn).toBeGreaterThan(0);
    expect(answer.tokensOut).toBeGreaterThan(0);
    expect(answer.costUsd).toBeCloseTo((answer.tokensIn * 0.15 + answer.tokensOut * 0.6) / 1e6, 12);

    const [request] = chats();
    expect(request!.headers.authorization).toBe('Bearer test-key');
    const format = request!.body.response_format;
    expect(format).toMatchObject({ type: 'json_schema', json_schema: { name: 'idea', strict: true } });
    expect(format.json_schema.schema.required).toEqual(['title', 'angle', 'outline', 'note']);
    expect(format.json_schema.schema.additionalProperties).toBe(false);
    expect(request!.body.messages.map((m: { role: string }) => m.role)).toEqual(['system', 'user']);
  });

  it("sends no organization or project picked up from the process environment: the key is the account's", async () => {
    process.env.OPENAI_ORG_ID = 'org-of-the-install';
    process.env.OPENAI_PROJECT_ID = 'proj-of-the-install';
    try {
      await ask();
    } finally {
      delete process.env.OPENAI_ORG_ID;
      delete process.env.OPENAI_PROJECT_ID;
    }
    expect(chats()[0]!.headers).not.toHaveProperty('openai-organization');
    expect(chats()[0]!.headers).not.toHaveProperty('openai-project');
  });

  it('turns the null a strict schema forces into an optional field back into a missing field', async () => {
    fake.onChat('idea', () => ({ title: 'Five shoes for flat feet', angle: 'listicle', outline: ['Intro'], note: null }));
    const { data } = await ask();
    expect(data).toEqual({ title: 'Five shoes for flat feet', angle: 'listicle', outline: ['Intro'] });
  });

  it('sends max_tokens and temperature, or max_completion_tokens alone to reasoning models', async () => {
    const req = { system: 's', user: 'u', schemaName: 'idea', schema: Idea, maxTokens: 300, temperature: 0.2 };
    await provider().completeJson(req);
    await provider({ textModel: 'o4-mini' }).completeJson(req);
    const [classic, reasoning] = chats().map((r) => r.body);
    expect(classic).toMatchObject({ max_tokens: 300, temperature: 0.2 });
    expect(reasoning).toMatchObject({ max_completion_tokens: 300 });
    expect(reasoning).not.toHaveProperty('temperature');
    expect(reasoning).not.toHaveProperty('max_tokens');
  });

  it('re-asks after an answer that is not JSON, telling the model what was wrong', async () => {
    fake.fault({ kind: 'malformed_json', path: 'chat' });
    const answer = await ask();
    expect(Idea.safeParse(answer.data).success).toBe(true);
    const [, second] = chats();
    expect(chats()).toHaveLength(2);
    expect(second!.body.messages).toHaveLength(4);
    expect(second!.body.messages[2]).toMatchObject({ role: 'assistant', content: expect.stringContaining('unfinished') });
    expect(second!.body.messages[3].content).toContain('not valid JSON');
    // Both answers were paid for.
    expect(answer.tokensIn).toBeGreaterThan(0);
  });

  it('gives up with bad_response when the answers keep failing the schema', async () => {
    fake.fault({ kind: 'schema_violation', times: 10, path: 'chat' });
    const err = await failure(ask());
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ kind: 'bad_response', attempts: 3 });
    expect(err.message).toMatch(/does not match the schema.*gave up after 3 answers/s);
    expect(chats()).toHaveLength(3);
  });

  it('gives up with bad_response when the answers are never JSON', async () => {
    fake.fault({ kind: 'malformed_json', times: 10, path: 'chat' });
    const err = await failure(ask(provider({ maxRetries: 1 })));
    expect(err).toMatchObject({ kind: 'bad_response' });
    expect(err.message).toContain('not valid JSON');
    expect(chats()).toHaveLength(2);
  });

  it('falls back to JSON mode with the schema in the prompt when json_schema is refused, and keeps to it', async () => {
    fake.jsonSchemaSupport(false);
    const p = provider();
    const first = await ask(p);
    expect(Idea.safeParse(first.data).success).toBe(true);
    const [refused, fallback] = chats();
    expect(refused!.body.response_format.type).toBe('json_schema');
    expect(fallback!.body.response_format).toEqual({ type: 'json_object' });
    expect(fallback!.body.messages[0].content).toContain('"title": "idea"');
    expect(fallback!.body.messages[0].content).toContain('You plan articles.');

    fake.requests.length = 0;
    await ask(p);
    expect(chats().map((r) => r.body.response_format.type)).toEqual(['json_object']);
  });

  it('neither falls back nor retries on other request errors (404)', async () => {
    const p = provider({ baseUrl: fake.openaiBaseUrl.replace('/v1', '/nowhere') });
    const err = await failure(ask(p));
    expect(err).toMatchObject({ kind: 'invalid_request', status: 404, retryable: false });
    expect(fake.requests).toHaveLength(1);
  });
});

describe('completeJson: transport faults', () => {
  it('retries a 500 and succeeds', async () => {
    fake.fault({ kind: '500', path: 'chat' });
    await expect(ask()).resolves.toHaveProperty('data');
    expect(chats()).toHaveLength(2);
  });

  it('gives up on a persisting 500 with kind server, after maxRetries', async () => {
    fake.fault({ kind: '500', times: 10 });
    const err = await failure(ask());
    expect(err).toMatchObject({ kind: 'server', status: 500, retryable: true, attempts: 3 });
    expect(err.message).toContain(`chat completion at ${new URL(fake.openaiBaseUrl).host}`);
    expect(err.message).toContain('gave up after 3 attempts');
    expect(chats()).toHaveLength(3);
  });

  it('waits the Retry-After a 429 announces before trying again', async () => {
    fake.fault({ kind: '429', retryAfterSeconds: 1, path: 'chat' });
    const started = performance.now();
    await ask();
    const elapsed = performance.now() - started;
    expect(chats()).toHaveLength(2);
    // Correctness, not speed: the retry must not come before the announced second.
    expect(elapsed).toBeGreaterThanOrEqual(995);
  });

  it('prefers retry-after-ms when a 429 carries it', async () => {
    fake.fault({ kind: '429', retryAfterMs: 300, retryAfterSeconds: 30, path: 'chat' });
    const started = performance.now();
    await ask();
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
    expect(chats()).toHaveLength(2);
  });

  it('gives up on a persisting 429 as rate_limited, retryable later', async () => {
    fake.fault({ kind: '429', times: 10, path: 'chat' });
    const err = await failure(ask());
    expect(err).toMatchObject({ kind: 'rate_limited', status: 429, retryable: true });
    expect(chats()).toHaveLength(3);
  });

  it('does not sleep through a Retry-After longer than a minute: it hands the wait to the caller', async () => {
    fake.fault({ kind: '429', retryAfterSeconds: 120, path: 'chat' });
    const err = await failure(ask());
    expect(err).toMatchObject({ kind: 'rate_limited', retryAfterMs: 120_000, retryable: true });
    expect(chats()).toHaveLength(1);
  });

  it('times out a slow answer and retries', async () => {
    fake.fault({ kind: 'slow', delayMs: 1_500, path: 'chat' });
    await expect(ask(provider({ timeoutMs: 300 }))).resolves.toHaveProperty('data');
    expect(chats()).toHaveLength(2);
  });

  it('gives up on answers that stay too slow with kind timeout', async () => {
    fake.fault({ kind: 'slow', delayMs: 1_500, times: 10, path: 'chat' });
    const err = await failure(ask(provider({ timeoutMs: 300, maxRetries: 1 })));
    expect(err).toMatchObject({ kind: 'timeout', retryable: true });
    expect(err.message).toContain('no answer within 300 ms');
    expect(chats()).toHaveLength(2);
  });

  it('retries a dropped connection, and reports network when it keeps dropping', async () => {
    fake.fault({ kind: 'drop', path: 'chat' });
    await expect(ask()).resolves.toHaveProperty('data');
    expect(chats()).toHaveLength(2);

    fake.requests.length = 0;
    fake.fault({ kind: 'drop', times: 10, path: 'chat' });
    const err = await failure(ask());
    expect(err).toMatchObject({ kind: 'network', retryable: true });
    expect(chats()).toHaveLength(3);
  });

  it('does not retry a rejected key, and says so without quoting the answer', async () => {
    const err = await failure(ask(provider({ apiKey: INVALID_API_KEY })));
    expect(err).toMatchObject({ kind: 'auth', status: 401, retryable: false });
    expect(err.message).toMatch(/: HTTP 401 from the provider \(the API key was refused\)$/);
    expect(err.detail).toContain('Incorrect API key');
    expect(chats()).toHaveLength(1);
  });

  it("stops at once on the caller's abort, with the abort and not a provider error", async () => {
    fake.fault({ kind: 'slow', delayMs: 5_000, path: 'chat' });
    const controller = new AbortController();
    const pending = ask(provider(), { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('run cancelled')), 100);
    await expect(pending).rejects.toThrow('run cancelled');
    expect(chats()).toHaveLength(1);
  });

  it("stops waiting for a retry on the caller's abort", async () => {
    fake.fault({ kind: '429', retryAfterSeconds: 30, path: 'chat' });
    const controller = new AbortController();
    const pending = ask(provider(), { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('run cancelled')), 200);
    await expect(pending).rejects.toThrow('run cancelled');
    expect(chats()).toHaveLength(1);
  });
});
