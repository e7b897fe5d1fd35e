import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import { ApiError, type FieldErrors } from './errors';

/** A surrogate outside a pair: in unicode mode a pair is one code point, beyond this range. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
/** Only a `\u` escape can put one in a decoded body (the decoder replaces bad bytes itself). */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;
const MESSAGE = 'Contains an unpaired UTF-16 surrogate, which is not a Unicode character.';

/**
 * Refuses JSON bodies holding a lone surrogate (`"\ud800"`), in a value or a key, as PostgreSQL
 * refuses NUL: stored, it would silently become U+FFFD. The body is read once and cached for the
 * route's validator, which answers malformed JSON itself.
 */
export const wellFormedJson = createMiddleware<AppEnv>(async (c, next) => {
  if (!/json/i.test(c.req.header('content-type') ?? '')) return next();
  const text = await c.req.text();
  if (!SURROGATE_ESCAPE.test(text)) return next();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return next();
  }
  const errors = illFormedFields(body);
  if (errors) throw new ApiError('invalid_input', 'The request has text that is not valid Unicode.', { errors });
  return next();
});

/** Field paths (as in validation errors) of the strings and keys holding a lone surrogate. */
function illFormedFields(root: unknown): FieldErrors | null {
  const errors: FieldErrors = Object.create(null);
  let found = false;
  const mark = (path: string) => {
    errors[path.replace(new RegExp(LONE_SURROGATE.source, 'gu'), '\uFFFD') || 'non_field_errors'] = [MESSAGE];
    found = true;
  };
  // Iterative: a deeply nested body must not exhaust the stack.
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) mark(path);
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const childPath = path ? `${path}.${key}` : key;
        if (LONE_SURROGATE.test(key)) mark(childPath);
        stack.push([child, childPath]);
      }
    }
  }
  return found ? errors : null;
}
