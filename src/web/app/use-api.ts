import { useCallback, useEffect, useState } from "react";
import { type ApiResponse, api } from "./api.ts";

/** Loads an API resource when `path` changes; null path loads nothing. Aborts stale requests. */
export function useApi<T>(path: string | null) {
  const [state, setState] = useState<{ data: T | null; etag: string | null; error: unknown; loading: boolean }>({
    data: null,
    etag: null,
    error: null,
    loading: path !== null,
  });
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is the retry trigger
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    api<T>(path, { signal: controller.signal })
      .then(({ data, etag }: ApiResponse<T>) => setState({ data, etag, error: null, loading: false }))
      .catch((error: unknown) => {
        if ((error as Error).name !== "AbortError") setState({ data: null, etag: null, error, loading: false });
      });
    return () => controller.abort();
  }, [path, attempt]);
  const reload = useCallback(() => setAttempt((a) => a + 1), []);
  const replace = useCallback(
    (data: T, etag: string | null) => setState({ data, etag, error: null, loading: false }),
    [],
  );
  return { ...state, reload, replace };
}
