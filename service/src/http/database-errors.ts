import { ApiError } from './errors';

/** The request field a unique constraint is about, named after it (sites_account_name → name). */
function uniqueField(constraint: string | undefined): { errors?: Record<string, string[]> } {
  const field = constraint?.endsWith('_name') ? 'name' : constraint === 'users_email' ? 'email' : constraint?.includes('normalized') ? 'keyword' : null;
  return field ? { errors: { [field]: ['Already in use.'] } } : {};
}

/** Maps database errors that bad input can cause to 4xx answers; anything else stays a 500. */
export function fromDatabase(err: unknown): ApiError | null {
  const e = err as { code?: string; message?: string; column_name?: string; constraint_name?: string };
  switch (e.code) {
    case 'IG001':
      return new ApiError('invalid_input', e.message ?? 'Invalid input.', { errors: { [e.column_name ?? 'non_field_errors']: [e.message ?? ''] } });
    case '23505':
      return new ApiError('conflict', 'Something with the same name already exists here.', uniqueField(e.constraint_name));
    case '23503':
      // On insert or update the row points at something missing; on delete something still
      // points at the row (PostgreSQL words the two cases differently).
      return /^update or delete on table/.test(e.message ?? '')
        ? new ApiError('conflict', 'This is still in use by other objects, so it cannot be removed.')
        : new ApiError('invalid_input', 'A referenced object does not exist.');
    // Raised by the append-only history tables (the credit ledger) when a change would rewrite them.
    case '23001':
      return new ApiError('conflict', 'This is still in use by the credit history, which is kept whole.');
    case '22P02':
    case '23514':
      return new ApiError('invalid_input', 'A value is not valid here.');
    // Text with a NUL character (PostgreSQL cannot store it) and numbers beyond a column's range.
    case '22021':
    case '22P05':
    case '22003':
      return new ApiError('invalid_input', 'A value contains a character or a number that cannot be stored.');
    case '42501':
      return new ApiError('forbidden', 'Your role does not allow this.');
    default:
      return null;
  }
}
