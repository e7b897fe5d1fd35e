import type { z } from 'zod';

export type ProviderErrorKind =
  | 'rate_limited'
  | 'timeout'
  | 'server'
  | 'network'
  | 'bad_response'
  | 'auth'
  | 'invalid_request'
  /** The address is refused by the service's outbound policy (a private network, say). */
  | 'not_allowed';

// A failure the caller could expect to go away on a later try (a job retry, say). Credentials and
// request errors will not, whatever the wait.
const RETRYABLE: Record<ProviderErrorKind, boolean> = {
  rate_limited: true,
  timeout: true,
  server: true,
  network: true,
  bad_response: true,
  auth: false,
  invalid_request: false,
  not_allowed: false,
};

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly status?: number;
  readonly retryable: boolean;
  /** How long the provider asked us to wait before the next try, when it said so. */
  readonly retryAfterMs?: number;
  /** How many requests were made before giving up. */
  attempts = 1;
  /** What the provider said, for the logs only: messages never quote a provider's answer. */
  readonly detail?: string;

  constructor(
    kind: ProviderErrorKind,
    message: string,
    opts: { status?: number; retryable?: boolean; retryAfterMs?: number; cause?: unknown; detail?: string } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'ProviderError';
    this.kind = kind;
    if (opts.status !== undefined) this.status = opts.status;
    if (opts.retryAfterMs !== undefined) this.retryAfterMs = opts.retryAfterMs;
    if (opts.detail !== undefined) this.detail = opts.detail.slice(0, 500);
    this.retryable = opts.retryable ?? RETRYABLE[kind];
  }
}

export type Usage = { model: string; tokensIn: number; tokensOut: number; costUsd: number };

export type JsonRequest<T> = {
  system: string;
  user: string;
  /** Names the answer's shape for the provider (letters, digits, `_` and `-`, at most 64). */
  schemaName: string;
  schema: z.ZodType<T>;
  maxTokens?: number;
  temperature?: number;
  signal?: AbortSignal;
};

export interface TextProvider {
  /** Asks for one JSON object and returns it validated by `schema`. */
  completeJson<T>(req: JsonRequest<T>): Promise<{ data: T } & Usage>;
  /** One vector per text, in the order given. */
  embed(texts: string[], opts?: { signal?: AbortSignal }): Promise<{ vectors: number[][] } & Usage>;
}

export type ImageStyle = 'realistic' | 'artistic' | 'cartoon';

export type ImageRequest = {
  prompt: string;
  width: number;
  height: number;
  style?: ImageStyle;
  signal?: AbortSignal;
};

export interface ImageProvider {
  /** The image's bytes, already downloaded: never a URL that may expire. */
  generate(req: ImageRequest): Promise<{ bytes: Buffer; mime: string } & Usage>;
}
