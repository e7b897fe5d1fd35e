import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Every error the API answers with, mapped to its HTTP status (see the contract's error format). */
export const ERROR_STATUS = {
  invalid_input: 400,
  malformed_json: 400,
  // The client closed the connection before its upload was complete (nobody reads this answer).
  request_aborted: 400,
  not_authenticated: 401,
  invalid_token: 401,
  token_expired: 401,
  invalid_credentials: 401,
  insufficient_credits: 402,
  forbidden: 403,
  account_inactive: 403,
  not_found: 404,
  method_not_allowed: 405,
  request_timeout: 408,
  conflict: 409,
  // Publishing: the site's WordPress cannot take the post yet, or the content awaits approval.
  wordpress_not_connected: 409,
  wordpress_credentials_rejected: 409,
  wordpress_unreachable: 409,
  approval_required: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
  busy: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type FieldErrors = Record<string, string[]>;

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { errors?: FieldErrors; headers?: Record<string, string>; data?: Record<string, unknown> } = {},
  ) {
    super(message);
  }

  get status(): ContentfulStatusCode {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what = 'Resource') => new ApiError('not_found', `${what} not found.`);
/** The row, or 404 when there is none (e.g. deleted between the visibility check and the write). */
export function found<T>(row: T | null | undefined, what = 'Resource'): T {
  if (row === null || row === undefined) throw notFound(what);
  return row;
}
export const forbidden = (message = 'Your role does not allow this.') => new ApiError('forbidden', message);
export const invalid = (message: string, errors?: FieldErrors) => new ApiError('invalid_input', message, errors ? { errors } : {});
export const conflict = (message: string, errors?: FieldErrors) => new ApiError('conflict', message, errors ? { errors } : {});
