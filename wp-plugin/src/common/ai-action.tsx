/**
 * Every AI action of the screens goes through this panel: it says what will happen and what it
 * will cost before anything starts, then follows the run with a live progress bar until it ends,
 * and reports the end in a notice. A refusal before the start (insufficient credits, a run of the
 * same kind already going) is shown in the panel, in the service's words, with the numbers.
 */
import { Button, Notice, __experimentalHStack as HStack } from '@wordpress/components';
import { useState } from '@wordpress/element';
import type { ReactNode } from 'react';
import { __, _n, sprintf } from '@wordpress/i18n';
import type { AIRun } from '@igny8/shared';
import { errorMessage } from './errors';
import { useNotify } from './notices';
import { RunProgress, type RunEnd } from './run-progress';

export type RunStarted = { run_id: string };

export type AIActionProps = {
  /** What will happen, in a sentence ("Cluster the 120 keywords of this sector."). */
  summary: string;
  /** Credits the action will use (the contract's prices); shown before it starts. */
  credits: number;
  /** Options the user sets before starting (e.g. granularity). */
  children?: ReactNode;
  startLabel?: string;
  start: () => Promise<RunStarted>;
  /** What to say when the run succeeded. */
  succeeded?: (run: AIRun) => string;
  /** Called after the run ended, either way (e.g. to reload the list). */
  onEnded?: (run: AIRun | null) => void;
  onClose: () => void;
  pollMs?: number;
};

export function creditsSentence(credits: number): string {
  if (credits === 0) return __('This uses no credits.', 'igny8');
  return sprintf(
    /* translators: %d: number of credits */
    _n('This will use %d credit.', 'This will use %d credits.', credits, 'igny8'),
    credits,
  );
}

export function AIAction({ summary, credits, children, startLabel, start, succeeded, onEnded, onClose, pollMs }: AIActionProps) {
  const notify = useNotify();
  const [runId, setRunId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [ended, setEnded] = useState<RunEnd | null>(null);

  const begin = async () => {
    setStarting(true);
    setRefusal(null);
    try {
      setRunId((await start()).run_id);
    } catch (err) {
      setRefusal(errorMessage(err));
    } finally {
      setStarting(false);
    }
  };

  const end = (e: RunEnd) => {
    setEnded(e);
    if (e.run?.status === 'succeeded') notify.success(succeeded?.(e.run) ?? __('Done.', 'igny8'));
    else if (e.run?.status === 'failed') notify.error(new Error(e.run.error || __('The AI run failed; its credits were refunded.', 'igny8')));
    else notify.error(e.error);
    onEnded?.(e.run);
  };

  if (runId) {
    return (
      <div className="igny8-ai-action">
        <p>{summary}</p>
        <RunProgress runId={runId} onEnd={end} pollMs={pollMs} />
        {ended?.run?.status === 'failed' && (
          <Notice status="error" isDismissible={false}>
            {ended.run.error || __('The AI run failed; its credits were refunded.', 'igny8')}
          </Notice>
        )}
        <HStack justify="flex-end">
          <Button variant={ended ? 'primary' : 'tertiary'} __next40pxDefaultSize onClick={onClose}>
            {ended ? __('Close', 'igny8') : __('Hide (keeps running)', 'igny8')}
          </Button>
        </HStack>
      </div>
    );
  }

  return (
    <div className="igny8-ai-action">
      <p>{summary}</p>
      {children}
      <p className="igny8-ai-action__cost">
        <strong>{creditsSentence(credits)}</strong>
      </p>
      {refusal && (
        <Notice status="error" isDismissible={false}>
          {refusal}
        </Notice>
      )}
      <HStack justify="flex-end">
        <Button variant="tertiary" __next40pxDefaultSize onClick={onClose}>
          {__('Cancel', 'igny8')}
        </Button>
        <Button variant="primary" __next40pxDefaultSize isBusy={starting} disabled={starting} onClick={begin}>
          {startLabel ?? __('Start', 'igny8')}
        </Button>
      </HStack>
    </div>
  );
}
