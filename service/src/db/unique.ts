import { conflict, type ApiError } from '../http/errors';

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
export function uniqueConflict(constraint: string | undefined): ApiError {
  const known = constraint ? UNIQUE_INDEXES[constraint] : undefined;
  if (!known) return conflict('Something with the same name already exists here.');
  return conflict(known.message, { [known.field]: [FIELD_ERRORS[known.field] ?? 'Already in use.'] });
}
