import { createOpenAIProvider, type OpenAISettings } from '../src/providers/openai-compatible';
import type { FakeProvider } from './fake-provider';

/** An OpenAI-compatible provider pointed at the fake server, with short timeouts and backoff for tests. */
export function testOpenAIProvider(fake: FakeProvider, over: Partial<OpenAISettings> = {}) {
  return createOpenAIProvider({
    baseUrl: fake.openaiBaseUrl,
    apiKey: 'test-key',
    textModel: 'gpt-4o-mini',
    embeddingModel: 'text-embedding-3-small',
    imageModel: 'dall-e-3',
    timeoutMs: 2_000,
    maxRetries: 2,
    retryBaseDelayMs: 10,
    ...over,
  });
}
