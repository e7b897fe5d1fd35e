import { z } from 'zod';
import type { Deps } from '../../context';
import { invalid, type FieldErrors } from '../../http/errors';
import { ProviderError } from '../../providers/types';
import { openAIProviderFor, runwareProviderFor } from './clients';
import type { IntegrationSettings } from './service';

// A connection test answers within the time a person waits for a button, and tries once: a
// failure is what the person needs to see, not something to hide behind retries.
const TEST_TIMEOUT_MS = 15_000;

async function callOnce(deps: Deps, settings: IntegrationSettings): Promise<void> {
  const limits = { timeoutMs: TEST_TIMEOUT_MS, maxRetries: 0 };
  if (settings.type === 'openai') {
    // The cheapest call that proves key, base URL and text model together: a few tokens of JSON.
    await openAIProviderFor(deps, settings, limits).completeJson({
      system: 'You check that an API connection works.',
      user: 'Answer with {"ok": true}.',
      schemaName: 'connection_check',
      schema: z.object({ ok: z.boolean() }),
      maxTokens: 20,
      temperature: 0,
    });
    return;
  }
  // Runware has no free call that also proves the model: the smallest image it renders costs a
  // fraction of a cent.
  await runwareProviderFor(deps, settings, limits).generate({ prompt: 'A small red circle on a white background', width: 128, height: 128 });
}

/** The field a failure points at, so a form can show it where the person fixes it. */
function fieldErrors(err: ProviderError): FieldErrors | undefined {
  if (err.kind === 'not_allowed') return { base_url: ['The service may not connect to this address.'] };
  if (err.kind === 'auth') return { api_key: ['The provider refused the key.'] };
  return undefined;
}

/**
 * Makes one small real call with `settings`. Success answers `{ok, model, latency_ms}`; a failure
 * is a 400 in the contract's error format whose `error` says what failed (connection refused, timed
 * out, HTTP 404 from the provider, address not allowed), never what the server answered.
 */
export async function testIntegration(deps: Deps, settings: IntegrationSettings) {
  const model = settings.type === 'openai' ? settings.textModel : settings.model;
  const started = performance.now();
  try {
    await callOnce(deps, settings);
  } catch (err) {
    const what = `The ${settings.type} connection test with model ${model} failed`;
    if (!(err instanceof ProviderError)) {
      deps.logger.warn({ err, type: settings.type }, 'integration test failed unexpectedly');
      throw invalid(`${what}: the answer could not be used.`);
    }
    // What the provider said goes to the logs only, without the key in case it was echoed.
    const detail = err.detail?.split(settings.apiKey).join('[redacted]');
    deps.logger.info({ type: settings.type, kind: err.kind, status: err.status, detail }, 'integration test failed');
    throw invalid(`${what}: ${err.message}`, fieldErrors(err));
  }
  return { ok: true, model, latency_ms: Math.round(performance.now() - started) };
}
