import { createOutboundFetch } from '../src/lib/outbound';
import { createOpenAIProvider, type OpenAISettings } from '../src/providers/openai-compatible';
import type { FakeProvider } from './fake-provider';

/**
 * The service's own outbound fetch, open to loopback where the fake provider listens, so provider
 * tests go through the same HTTP client as the service.
 */
export const testFetch = createOutboundFetch({ allowPrivate: true, connectTimeoutMs: 2_000, firstByteTimeoutMs: 10_000 });

/** An OpenAI-compatible provider pointed at the fake server, with short timeouts and backoff for tests. */
export function testOpenAIProvider(fake: FakeProvider, over: Partial<OpenAISettings> = {}) {
  return createOpenAIProvider({
    baseUrl: fake.openaiBaseUrl,
    apiKey: 'test-key',
    textModel: 'gpt-4o-mini',
    embeddingModel: 'text-embedding-3-small',
    imageModel: 'dall-e-3',
    fetch: testFetch,
    timeoutMs: 2_000,
    maxRetries: 2,
    retryBaseDelayMs: 10,
    ...over,
  });
}
