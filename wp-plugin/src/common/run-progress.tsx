/**
 * A live progress bar for one AI run: its phase, its message and its percentage, polled through
 * the proxy until the run ends; then `onEnd` is called once with the last state of the run.
 */
import { ProgressBar } from '@wordpress/components';
import { useEffect, useRef } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import type { AIRun, Phase } from '@igny8/shared';
import type { ServiceError } from './api';
import { useRun } from './use-run';

export const PHASE_LABELS: Record<Phase, string> = {
  INIT: __('Starting', 'igny8'),
  PREP: __('Preparing', 'igny8'),
  AI_CALL: __('Asking the AI', 'igny8'),
  PARSE: __('Reading the answer', 'igny8'),
  SAVE: __('Saving', 'igny8'),
  DONE: __('Done', 'igny8'),
};

export type RunEnd = { run: AIRun | null; error: ServiceError | null };

export function RunProgress({ runId, onEnd, pollMs }: { runId: string; onEnd: (end: RunEnd) => void; pollMs?: number }) {
  const { run, error, done } = useRun(runId, pollMs);
  const ended = useRef(false);
  const onEndRef = useRef(onEnd);
  onEndRef.current = onEnd;

  useEffect(() => {
    if (done && !ended.current) {
      ended.current = true;
      onEndRef.current({ run, error });
    }
  }, [done, run, error]);

  const progress = run?.progress ?? 0;
  const phase = run ? PHASE_LABELS[run.phase as Phase] ?? run.phase : __('Queued', 'igny8');
  return (
    <div className="igny8-run" role="status" aria-live="polite">
      <ProgressBar className="igny8-run__bar" value={progress} aria-label={sprintf(/* translators: %d: percent done */ __('%d%% done', 'igny8'), progress)} />
      <p className="igny8-run__text">
        <strong>{`${phase} · ${progress}%`}</strong>
        {run?.message ? ` — ${run.message}` : null}
      </p>
    </div>
  );
}
