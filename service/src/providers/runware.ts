import { randomUUID } from 'node:crypto';
import { errorForStatus, errorForThrown, hostOf } from './errors';
import { downloadImage, imageFile, styledPrompt } from './image-bytes';
import { attemptSignal, DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry';
import { ProviderError, type ImageProvider, type ProviderErrorKind } from './types';

export type RunwareSettings = {
  apiKey: string;
  model: string;
  baseUrl?: string;
  /** How requests go out: the outbound fetch that fits where `baseUrl` came from. Image downloads use it too. */
  fetch: typeof globalThis.fetch;
  timeoutMs?: number;
  maxRetries?: number;
  /** First backoff delay when the provider does not say how long to wait. */
  retryBaseDelayMs?: number;
  onRetry?: RetryPolicy['onRetry'];
};

const DEFAULT_URL = 'https://api.runware.ai/v1';
const DEFAULT_TIMEOUT_MS = 120_000;
const MAX_PROMPT = 3000;

type RunwareError = { code?: string; message?: string; taskUUID?: string };
type RunwareResult = { taskType?: string; taskUUID?: string; imageURL?: string; imageBase64Data?: string; cost?: number };

/** Runware takes sides from 128 to 2048 pixels in steps of 64. */
export function runwareSide(px: number): number {
  return Math.min(2048, Math.max(128, Math.round(px / 64) * 64));
}

// A 200 answer can still carry task errors; their codes are the only hint of what went wrong.
function kindForCode(code: string): ProviderErrorKind {
  if (/timeout/i.test(code)) return 'timeout';
  if (/rate|limit|capacity|busy|unavailable/i.test(code)) return 'rate_limited';
  if (/api.?key|auth/i.test(code)) return 'auth';
  if (/server|internal/i.test(code)) return 'server';
  return 'invalid_request';
}

function describeErrors(errors: RunwareError[]): string {
  return errors.map((e) => (e.code ? `${e.code}: ${e.message ?? ''}`.trim() : (e.message ?? 'unknown error'))).join('; ');
}

// A task error in the service's own words: like any provider answer, Runware's text stays in the logs.
const TASK_FAILURES: Record<ProviderErrorKind, string> = {
  auth: 'the API key was refused',
  rate_limited: 'rate limited',
  timeout: 'timed out',
  server: 'server error',
  invalid_request: 'the task was refused',
  bad_response: 'the answer could not be read',
  network: 'connection failed',
  not_allowed: 'address not allowed',
};

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Images from Runware's REST API: one imageInference task per request, the key in the
 * Authorization header, the cost as Runware reports it, the file downloaded at once.
 */
export function createRunwareProvider(s: RunwareSettings): ImageProvider {
  const url = s.baseUrl ?? DEFAULT_URL;
  const timeoutMs = s.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const policy: RetryPolicy = {
    ...DEFAULT_RETRY,
    ...(s.maxRetries === undefined ? {} : { maxRetries: s.maxRetries }),
    ...(s.retryBaseDelayMs === undefined ? {} : { baseDelayMs: s.retryBaseDelayMs }),
    ...(s.onRetry ? { onRetry: s.onRetry } : {}),
  };
  const what = `Runware image generation at ${hostOf(url)}`;

  async function requestImage(prompt: string, width: number, height: number, caller?: AbortSignal) {
    // A fresh task id per try: a try that timed out may still finish on Runware's side.
    const taskUUID = randomUUID();
    const task = {
      taskType: 'imageInference',
      taskUUID,
      positivePrompt: prompt,
      model: s.model,
      width,
      height,
      numberResults: 1,
      outputType: 'URL',
      outputFormat: 'JPG',
      includeCost: true,
    };
    const attempt = attemptSignal(timeoutMs, caller);
    let status: number;
    let headers: Headers;
    let text: string;
    try {
      const res = await s.fetch(url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${s.apiKey}`, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify([task]),
        signal: attempt.signal,
      });
      status = res.status;
      headers = res.headers;
      text = await res.text();
    } catch (err) {
      throw errorForThrown(err, what, { caller, timedOut: attempt.timedOut(), timeoutMs });
    }

    const body = parseJson(text) as { data?: RunwareResult[]; errors?: RunwareError[]; error?: RunwareError } | undefined;
    const errors = body?.errors ?? (body?.error ? [body.error] : []);
    if (status < 200 || status >= 300) {
      throw errorForStatus(status, what, { headers, ...(errors.length ? { detail: describeErrors(errors) } : {}) });
    }
    if (errors.length) {
      const kind = kindForCode(errors[0]?.code ?? '');
      throw new ProviderError(kind, `${what}: ${TASK_FAILURES[kind]}`, { status, detail: describeErrors(errors) });
    }
    if (!body) throw new ProviderError('bad_response', `${what}: the answer is not valid JSON`, { status });
    const result = body.data?.find((d) => d.taskUUID === taskUUID) ?? body.data?.[0];
    const cost = typeof result?.cost === 'number' && Number.isFinite(result.cost) ? result.cost : 0;
    if (result?.imageBase64Data) return { file: imageFile(Buffer.from(result.imageBase64Data, 'base64'), what), imageURL: undefined, cost };
    if (result?.imageURL) return { file: undefined, imageURL: result.imageURL, cost };
    throw new ProviderError('bad_response', `${what}: the answer holds no image for task ${taskUUID}`, { status });
  }

  return {
    async generate(req) {
      const prompt = styledPrompt(req.prompt, req.style).slice(0, MAX_PROMPT);
      const width = runwareSide(req.width);
      const height = runwareSide(req.height);
      const answer = await withRetry(policy, req.signal, () => requestImage(prompt, width, height, req.signal));
      const file =
        answer.file ?? (await downloadImage(answer.imageURL!, { fetch: s.fetch, policy, timeoutMs, ...(req.signal ? { signal: req.signal } : {}) }));
      return { ...file, model: s.model, tokensIn: 0, tokensOut: 0, costUsd: answer.cost };
    },
  };
}
