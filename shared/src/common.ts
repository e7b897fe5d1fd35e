import { z } from 'zod';

// Building blocks of the other schemas. `.meta()` only documents: the OpenAPI document names a
// schema with an `id` as a component, and shows `pattern`/`enum` where a zod check (a trim, a
// refinement, a case-insensitive boolean) has no JSON Schema form of its own.

/** An object's id: a UUID. */
export const idSchema = z.uuid();

/** A moment as the API writes it: ISO 8601 with an offset, e.g. `2025-01-31T09:30:00.000Z`. */
export const timestampSchema = z.iso.datetime({ offset: true });

/** Text trimmed of surrounding spaces that must still hold something: a name, a title, a reason. */
export const nonBlank = (max: number) => z.string().trim().min(1).max(max).meta({ pattern: '\\S' });

const TRUE_WORDS = ['true', '1', 'yes', 'on', 'y', 'enabled'];
const FALSE_WORDS = ['false', '0', 'no', 'off', 'n', 'disabled'];

/** A yes/no query flag: `true` or `false` (also 1/0, yes/no, on/off, y/n, enabled/disabled; any case). */
export const queryFlag = () =>
  z.stringbool({ truthy: TRUE_WORDS, falsy: FALSE_WORDS }).meta({
    enum: [...TRUE_WORDS, ...FALSE_WORDS],
    description: 'true or false (also 1/0, yes/no, on/off, y/n, enabled/disabled), case-insensitive',
  });
