import { Notice } from '@wordpress/components';
import type { ApiError } from '../api/client';

/** An error answer in the contract's own sentence; announced to screen readers by Notice. */
export function ErrorNotice({ error, onRetry }: { error: ApiError | Error | null; onRetry?: () => void }) {
  if (!error) return null;
  return (
    <Notice status="error" isDismissible={false} actions={onRetry ? [{ label: 'Try again', onClick: onRetry }] : []}>
      {error.message}
    </Notice>
  );
}
