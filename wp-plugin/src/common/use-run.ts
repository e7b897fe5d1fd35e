/**
 * Follows an AI run through the proxy until it ends. Polling, not server-sent events: those do
 * not survive the buffering of common PHP hosts.
 */
import { useEffect, useState } from '@wordpress/element';
import type { AIRun } from '@igny8/shared';
import { service, ServiceError } from './api';

export const POLL_MS = 1500;

export type RunState = { run: AIRun | null; error: ServiceError | null; done: boolean };

export function useRun(runId: string | null | undefined, pollMs = POLL_MS): RunState {
  const [state, setState] = useState<RunState>({ run: null, error: null, done: false });

  useEffect(() => {
    if (!runId) return undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setState({ run: null, error: null, done: false });

    const poll = async () => {
      try {
        const run = await service<AIRun>(`ai/runs/${runId}`);
        if (stopped) return;
        const done = run.status === 'succeeded' || run.status === 'failed';
        setState({ run, error: null, done });
        if (!done) timer = setTimeout(poll, pollMs);
      } catch (err) {
        if (stopped) return;
        // A passing network failure keeps polling; an answer that says no (401, 403, 404) stops.
        const error = err instanceof ServiceError ? err : new ServiceError(String(err), 'fetch_error', 0);
        const final = error.status >= 400 && error.status < 500;
        setState((s) => ({ ...s, error, done: final }));
        if (!final) timer = setTimeout(poll, pollMs * 2);
      }
    };
    void poll();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [runId, pollMs]);

  return state;
}
