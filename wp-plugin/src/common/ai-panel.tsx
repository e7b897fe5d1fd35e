/**
 * The AI action panel as the screens use it. It shows only once a dialog opens, so its code (the
 * panel, the run's progress) is a chunk loaded then, not part of the screen's first load.
 */
import { Spinner } from '@wordpress/components';
import { lazy, Suspense } from '@wordpress/element';
import type { AIActionProps } from './ai-action';

const Panel = lazy(() => import(/* webpackChunkName: "ai-action" */ './ai-action').then((m) => ({ default: m.AIAction })));

export function AIAction(props: AIActionProps) {
  return (
    <Suspense fallback={<Spinner />}>
      <Panel {...props} />
    </Suspense>
  );
}
