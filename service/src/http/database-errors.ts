import { PoolBusyError } from '../db/client';
import { ApiError, conflict } from './errors';

/**
 * What each unique index protects, by the index's name: the request field a clash concerns and
 * the sentence a client sees. The one place a 23505 becomes a 409; an index missing here still
 * answers 409, only with a generic sentence.
 */
const UNIQUE_INDEXES: Record<string, { field: string; message: string }> = {
  users_email: { field: 'email', message: 'A user with this email already exists.' },
  sites_account_name: { field: 'name', message: 'A site with this name already exists in the account.' },
  sectors_site_name: { field: 'name', message: 'A sector with this name already exists on the site.' },
  keywords_sector_id_normalized_key: { field: 'keyword', message: 'This sector already has this keyword.' },
  author_profiles_account_name: { field: 'name', message: 'An author profile with this name already exists.' },
  author_profiles_one_default: { field: 'is_default', message: 'Another author profile became the default at the same moment; try again.' },
  strategies_account_name: { field: 'name', message: 'A strategy with this name already exists.' },
  strategies_one_default: { field: 'is_default', message: 'Another strategy became the default at the same moment; try again.' },
};

const FIELD_ERRORS: Record<string, string> = { is_default: 'Changed concurrently.' };

/** The 409 for a unique violation (PostgreSQL error 23505) on the named index. */
function uniqueConflict(constraint: string | undefined): ApiError {
  const known = constraint ? UNIQUE_INDEXES[constraint] : undefined;
  if (!known) return conflict('Something with the same name already exists here.');
  return conflict(known.message, { [known.field]: [FIELD_ERRORS[known.field] ?? 'Already in use.'] });
}

/** Maps database errors that bad input can cause to 4xx answers; anything else stays a 500. */
export function fromDatabase(err: unknown): ApiError | null {
  if (err instanceof PoolBusyError) {
    return new ApiError('busy', 'The service is busy; try again in a moment.', { headers: { 'Retry-After': String(Math.max(1, Math.ceil(err.waitedMs / 1000))) } });
  }
  const e = err as { code?: string; message?: string; column_name?: string; constraint_name?: string };
  switch (e.code) {
    case 'IG001':
      return new ApiError('invalid_input', e.message ?? 'Invalid input.', { errors: { [e.column_name ?? 'non_field_errors']: [e.message ?? ''] } });
    case '23505':
      return uniqueConflict(e.constraint_name);
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
