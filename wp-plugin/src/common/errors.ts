import { __, sprintf } from '@wordpress/i18n';
import { ServiceError } from './api';

/**
 * The sentence a user reads for a failed call. Most answers already carry the service's own
 * sentence; an insufficient_credits answer also says the balance and how much is missing, from
 * the error's data, so the user knows what to buy or trim.
 */
export function errorMessage(err: unknown): string {
  if (err instanceof ServiceError) {
    if (err.code === 'insufficient_credits') {
      const balance = Number(err.data.balance);
      const required = Number(err.data.required);
      if (Number.isFinite(balance) && Number.isFinite(required)) {
        return sprintf(
          /* translators: 1: credits the action needs, 2: the account's balance, 3: credits missing */
          __('Not enough credits: this needs %1$d, the account has %2$d (%3$d missing). Buy credits or choose fewer items.', 'igny8'),
          required,
          balance,
          Math.max(0, required - balance),
        );
      }
    }
    const fields = Object.entries(err.errors).map(([field, msgs]) => `${field}: ${msgs.join(' ')}`);
    return fields.length ? `${err.message} ${fields.join('; ')}` : err.message;
  }
  if (err instanceof Error) return err.message;
  return __('Something went wrong.', 'igny8');
}
