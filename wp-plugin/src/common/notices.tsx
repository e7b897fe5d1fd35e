/**
 * The screens' notices, kept in the `core/notices` store under the plugin's own context so
 * WordPress's other notices on the page are left alone: persistent notices above the screen
 * (errors, which stay until dismissed) and snackbars at the bottom (confirmations).
 */
import { NoticeList, SnackbarList } from '@wordpress/components';
import { useDispatch, useSelect } from '@wordpress/data';
import { useMemo } from '@wordpress/element';
import { store as noticesStore } from '@wordpress/notices';
import { errorMessage } from './errors';

export const NOTICE_CONTEXT = 'igny8';

type NoticeAction = { label: string; url?: string; onClick?: () => void };

export function Notices() {
  const notices = useSelect((select) => select(noticesStore).getNotices(NOTICE_CONTEXT), []);
  const { removeNotice } = useDispatch(noticesStore);
  const remove = (id: string) => removeNotice(id, NOTICE_CONTEXT);
  const pinned = notices.filter((n) => n.type !== 'snackbar');
  const snackbars = notices.filter((n) => n.type === 'snackbar');
  return (
    <>
      <NoticeList className="igny8-notices" notices={pinned as never} onRemove={remove} />
      <SnackbarList className="igny8-snackbars" notices={snackbars as never} onRemove={remove} />
    </>
  );
}

export type Notify = {
  success: (message: string, actions?: NoticeAction[]) => void;
  error: (err: unknown) => void;
};

/** Tells the user how an action went: a snackbar on success, a notice that stays on failure. */
export function useNotify(): Notify {
  const { createSuccessNotice, createErrorNotice } = useDispatch(noticesStore);
  return useMemo(
    () => ({
      success: (message, actions = []) => void createSuccessNotice(message, { type: 'snackbar', context: NOTICE_CONTEXT, actions }),
      error: (err) => void createErrorNotice(errorMessage(err), { context: NOTICE_CONTEXT, isDismissible: true }),
    }),
    [createSuccessNotice, createErrorNotice],
  );
}
