import { openAIContext, type OpenAISettings } from './openai-call';
import { openAIChat } from './openai-chat';
import { openAIEmbeddings } from './openai-embeddings';
import { openAIImages } from './openai-images';
import type { ImageProvider, TextProvider } from './types';

export type { OpenAISettings } from './openai-call';

/**
 * Text, embeddings and images from any OpenAI-compatible API (OpenAI, Azure/OpenRouter gateways,
 * Ollama, vLLM, LM Studio) through the `openai` SDK with its base URL, key and models.
 */
export function createOpenAIProvider(s: OpenAISettings): TextProvider & ImageProvider {
  const ctx = openAIContext(s);
  return { completeJson: openAIChat(ctx), embed: openAIEmbeddings(ctx), generate: openAIImages(ctx) };
}
