/** Loads one thing for a panel and keeps its error, so each panel fails on its own. */
import { useCallback, useEffect, useState } from '@wordpress/element';
import { ServiceError } from '../../common/api';

export type Loaded<T> = { value: T | null; error: ServiceError | null; loading: boolean; reload: () => void };

export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ value: T | null; error: ServiceError | null; loading: boolean }>({ value: null, error: null, loading: true });
  const [round, setRound] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);

  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    run().then(
      (value) => current && setState({ value, error: null, loading: false }),
      (error: unknown) =>
        current && setState({ value: null, error: error instanceof ServiceError ? error : new ServiceError(String(error), 'fetch_error', 0), loading: false }),
    );
    return () => {
      current = false;
    };
  }, [run, round]);

  return { ...state, reload: () => setRound((r) => r + 1) };
}
