import { z } from 'zod';
import { ApiError } from '../../http/errors';
import { createOpenAIProvider } from '../../providers/openai-compatible';
import { createRunwareProvider } from '../../providers/runware';
import type { IntegrationSettings } from './service';

// A connection test answers within the time a person waits for a button, and tries once: a
// failure is what the person needs to see, not something to hide behind retries.
const TEST_TIMEOUT_MS = 15_000;
const MAX_ERROR_LENGTH = 500;

/** The provider's message without the key, however the provider echoed it. */
function scrub(message: string, apiKey: string): string {
  const clean = apiKey.length >= 4 ? message.split(apiKey).join('[redacted]') : message;
  return clean.length > MAX_ERROR_LENGTH ? `${clean.slice(0, MAX_ERROR_LENGTH)}…` : clean;
}

async function callOnce(settings: IntegrationSettings): Promise<void> {
  if (settings.type === 'openai') {
    const provider = createOpenAIProvider({ ...settings, timeoutMs: TEST_TIMEOUT_MS, maxRetries: 0 });
    // The cheapest call that proves key, base URL and text model together: a few tokens of JSON.
    await provider.completeJson({
      system: 'You check that an API connection works.',
      user: 'Answer with {"ok": true}.',
      schemaName: 'connection_check',
      schema: z.object({ ok: z.boolean() }),
      maxTokens: 20,
      temperature: 0,
    });
    return;
  }
  const provider = createRunwareProvider({ ...settings, timeoutMs: TEST_TIMEOUT_MS, maxRetries: 0 });
  // Runware has no free call that also proves the model: the smallest image it renders costs a
  // fraction of a cent.
  await provider.generate({ prompt: 'A small red circle on a white background', width: 128, height: 128 });
}

/**
 * Makes one small real call with `settings`. Success answers `{ok, model, latency_ms}`; a failure
 * is a 400 whose `error` is the provider's own message (never the key), with `ok: false`.
 */
export async function testIntegration(settings: IntegrationSettings) {
  const model = settings.type === 'openai' ? settings.textModel : settings.model;
  const started = performance.now();
  try {
    await callOnce(settings);
  } catch (err) {
    const latency_ms = Math.round(performance.now() - started);
    const message = scrub(err instanceof Error ? err.message : String(err), settings.apiKey);
    throw new ApiError('invalid_input', `The ${settings.type} connection test failed: ${message}`, { data: { ok: false, model, latency_ms } });
  }
  return { ok: true, model, latency_ms: Math.round(performance.now() - started) };
}
