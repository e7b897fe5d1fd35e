import { describe, expect, it } from 'vitest';
import { FAKE_PNG, INVALID_API_KEY } from '../../test/fake-provider';
import { testFetch } from '../../test/test-providers';
import { useFakeProvider } from '../../test/use-fake-provider';
import { createRunwareProvider, runwareSide, type RunwareSettings } from './runware';
import { ProviderError } from './types';

const fake = useFakeProvider();

const provider = (over: Partial<RunwareSettings> = {}) =>
  createRunwareProvider({ apiKey: 'rw-key', model: 'runware:101@1', baseUrl: fake.runwareUrl, fetch: testFetch, timeoutMs: 2_000, maxRetries: 2, retryBaseDelayMs: 10, ...over });
const tasks = () => fake.requests.filter((r) => r.path === '/runware/v1');
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a ProviderError'); }, (err: unknown) => err as ProviderError);

describe('Runware images', () => {
  it('sends one imageInference task, downloads the image URL at once, and reports Runware’s cost', async () => {
    const image = await provider().generate({ prompt: 'A red bicycle against a white wall', width: 1000, height: 600, style: 'cartoon' });
    expect(image.bytes.equals(FAKE_PNG)).toBe(true);
    expect(image).toMatchObject({ mime: 'image/png', model: 'runware:101@1', costUsd: 0.0013, tokensIn: 0, tokensOut: 0 });

    const [request] = tasks();
    expect(request!.headers.authorization).toBe('Bearer rw-key');
    expect(request!.body).toHaveLength(1);
    expect(request!.body[0]).toMatchObject({
      taskType: 'imageInference',
      taskUUID: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      model: 'runware:101@1',
      width: 1024,
      height: 576,
      numberResults: 1,
      outputType: 'URL',
      includeCost: true,
    });
    expect(request!.body[0].positivePrompt).toMatch(/^A red bicycle against a white wall\n\nStyle: cartoon/);
    expect(fake.requests.map((r) => r.path)).toEqual(['/runware/v1', expect.stringMatching(/^\/files\//)]);
  });

  it('reports Runware’s error answer in its own words: a rejected key is auth and is not retried', async () => {
    const err = await failure(provider({ apiKey: INVALID_API_KEY }).generate({ prompt: 'A cat', width: 512, height: 512 }));
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ kind: 'auth', status: 401, retryable: false, detail: 'invalidApiKey: Invalid API key.' });
    expect(err.message).toMatch(/: HTTP 401 from the provider \(the API key was refused\)$/);
    expect(err.message).not.toContain('Invalid API key.');
    expect(tasks()).toHaveLength(1);
  });

  it('reports an invalid task as invalid_request, Runware’s code kept for the logs', async () => {
    const err = await failure(provider().generate({ prompt: 'x', width: 512, height: 512 }));
    expect(err).toMatchObject({ kind: 'invalid_request', status: 400, retryable: false });
    expect(err.message).toMatch(/: HTTP 400 from the provider$/);
    expect(err.detail).toContain('invalidPositivePrompt');
    expect(tasks()).toHaveLength(1);
  });

  it('retries a 500 and a 429 (after its Retry-After) with a fresh task id each time', async () => {
    fake.fault({ kind: '500', path: 'runware' });
    fake.fault({ kind: '429', retryAfterSeconds: 1, path: 'runware' });
    const started = performance.now();
    await expect(provider().generate({ prompt: 'A cat', width: 512, height: 512 })).resolves.toHaveProperty('bytes');
    expect(performance.now() - started).toBeGreaterThanOrEqual(995);
    const ids = tasks().map((r) => r.body[0].taskUUID);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
  });

  it('retries a dropped connection and a timeout, then reports the kind when they persist', async () => {
    fake.fault({ kind: 'drop', path: 'runware' });
    fake.fault({ kind: 'slow', delayMs: 1_500, path: 'runware' });
    await expect(provider({ timeoutMs: 300 }).generate({ prompt: 'A cat', width: 512, height: 512 })).resolves.toHaveProperty('bytes');
    expect(tasks()).toHaveLength(3);

    fake.fault({ kind: 'slow', delayMs: 1_500, times: 10, path: 'runware' });
    await expect(failure(provider({ timeoutMs: 300, maxRetries: 1 }).generate({ prompt: 'A cat', width: 512, height: 512 }))).resolves.toMatchObject({ kind: 'timeout' });
    fake.clearFaults();
    fake.fault({ kind: 'drop', times: 10, path: 'runware' });
    await expect(failure(provider({ maxRetries: 1 }).generate({ prompt: 'A cat', width: 512, height: 512 }))).resolves.toMatchObject({ kind: 'network' });
  });

  it('reports an answer without an image as bad_response, and a body that is not JSON too', async () => {
    fake.fault({ kind: 'schema_violation', times: 10, path: 'runware' });
    const missing = await failure(provider({ maxRetries: 1 }).generate({ prompt: 'A cat', width: 512, height: 512 }));
    expect(missing).toMatchObject({ kind: 'bad_response' });
    expect(missing.message).toContain('holds no image');
    fake.clearFaults();
    fake.fault({ kind: 'malformed_json', times: 10, path: 'runware' });
    await expect(failure(provider({ maxRetries: 0 }).generate({ prompt: 'A cat', width: 512, height: 512 }))).resolves.toMatchObject({ kind: 'bad_response' });
  });

  it('rounds sides to Runware’s steps of 64 within 128–2048', () => {
    expect([runwareSide(1000), runwareSide(600), runwareSide(50), runwareSide(4000), runwareSide(1024)]).toEqual([1024, 576, 128, 2048, 1024]);
  });
});
