/**
 * The two ways a screen offers an AI action: a toolbar button (e.g. for the whole sector) and a
 * row or bulk action of the table for the chosen items. Both open the panel the screen renders
 * (an `AIAction`, sometimes wrapped with options) and hand it the way to close.
 */
import { Button, Modal } from '@wordpress/components';
import type { Action } from '@wordpress/dataviews/wp';
import { useState } from '@wordpress/element';
import type { ReactElement } from 'react';

/** A button that opens an AI panel in a modal. */
export function AIActionButton({ label, title, disabled, render }: { label: string; title: string; disabled?: boolean; render: (close: () => void) => ReactElement }) {
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  return (
    <>
      <Button variant="primary" __next40pxDefaultSize disabled={disabled} accessibleWhenDisabled onClick={() => setOpen(true)}>
        {label}
      </Button>
      {open && (
        <Modal title={title} onRequestClose={close} shouldCloseOnClickOutside={false}>
          {render(close)}
        </Modal>
      )}
    </>
  );
}

/** A table action (row and bulk) that opens an AI panel for the chosen items. */
export function aiItemsAction<T>(options: {
  id: string;
  label: string;
  isPrimary?: boolean;
  isEligible?: (item: T) => boolean;
  render: (items: T[], close: () => void) => ReactElement;
}): Action<T> {
  return {
    id: options.id,
    label: options.label,
    isPrimary: options.isPrimary,
    isEligible: options.isEligible,
    supportsBulk: true,
    modalHeader: options.label,
    RenderModal: ({ items, closeModal }) => options.render(items, () => closeModal?.()),
  };
}
