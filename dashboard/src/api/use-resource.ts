import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from './client';

export type Resource<T> = { data: T | undefined; error: ApiError | null; loading: boolean; reload: () => Promise<void> };

/** GETs `path` (null: nothing yet) and keeps the answer; `pollMs` reloads it while the page is open. */
export function useResource<T>(path: string | null, pollMs?: number): Resource<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const current = useRef(path);
  current.current = path;

  const reload = useCallback(async () => {
    if (path === null) return;
    setLoading(true);
    try {
      const answer = await api<T>(path);
      if (current.current === path) {
        setData(answer);
        setError(null);
      }
    } catch (err) {
      if (current.current === path) setError(err instanceof ApiError ? err : new ApiError(String(err), 0, 'network_error'));
    } finally {
      if (current.current === path) setLoading(false);
    }
  }, [path]);

  useEffect(() => {
    void reload();
    if (!pollMs) return;
    const timer = setInterval(() => void reload(), pollMs);
    return () => clearInterval(timer);
  }, [reload, pollMs]);

  return { data, error, loading, reload };
}
