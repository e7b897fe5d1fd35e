/**
 * A table action that asks before it acts (e.g. delete): the question, then the call; the list
 * reloads and a notice says how it went.
 */
import { Button, __experimentalHStack as HStack } from '@wordpress/components';
import type { Action } from '@wordpress/dataviews/wp';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import type { TableContext } from './table-page';

export function confirmAction<T>(options: {
  id: string;
  label: string;
  question: (items: T[]) => string;
  confirmLabel: string;
  destructive?: boolean;
  isEligible?: (item: T) => boolean;
  act: (items: T[]) => Promise<unknown>;
  done: (items: T[]) => string;
  ctx: TableContext<T>;
}): Action<T> {
  return {
    id: options.id,
    label: options.label,
    isEligible: options.isEligible,
    supportsBulk: true,
    modalHeader: options.label,
    RenderModal: ({ items, closeModal }) => <Confirm items={items} close={() => closeModal?.()} options={options} />,
  };
}

function Confirm<T>({ items, close, options }: { items: T[]; close: () => void; options: Parameters<typeof confirmAction<T>>[0] }) {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await options.act(items);
      options.ctx.notify.success(options.done(items));
    } catch (err) {
      options.ctx.notify.error(err);
    }
    setBusy(false);
    close();
    options.ctx.reload();
  };
  return (
    <div>
      <p>{options.question(items)}</p>
      <HStack justify="flex-end">
        <Button variant="tertiary" __next40pxDefaultSize onClick={close} disabled={busy}>
          {__('Cancel', 'igny8')}
        </Button>
        <Button variant="primary" isDestructive={options.destructive} __next40pxDefaultSize isBusy={busy} disabled={busy} onClick={run}>
          {options.confirmLabel}
        </Button>
      </HStack>
    </div>
  );
}
