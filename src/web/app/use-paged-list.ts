import { useCallback, useEffect, useState } from "react";
import { api } from "./api.ts";
import { useApi } from "./use-api.ts";

/**
 * A keyset-paged list: the first page loads when `path` changes, `loadMore` appends the next one.
 * `path` is the list's address with its filters, without the cursor.
 */
export function usePagedList<T>(path: string) {
  const page = useApi<{ items: T[]; nextCursor: string | null }>(path);
  const [more, setMore] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  useEffect(() => {
    setMore([]);
    setCursor(page.data?.nextCursor ?? null);
  }, [page.data]);
  const loadMore = useCallback(async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const { data } = await api<{ items: T[]; nextCursor: string | null }>(
        `${path}${path.includes("?") ? "&" : "?"}cursor=${cursor}`,
      );
      setMore((m) => [...m, ...data.items]);
      setCursor(data.nextCursor);
    } finally {
      setLoadingMore(false);
    }
  }, [cursor, path]);
  return {
    rows: [...(page.data?.items ?? []), ...more],
    loaded: page.data !== null,
    loading: page.loading,
    error: page.error,
    reload: page.reload,
    hasMore: cursor !== null,
    loadingMore,
    loadMore,
  };
}

/** The value, once it has stopped changing for `ms` milliseconds (search as you type). */
export function useDebounced<T>(value: T, ms = 200): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}
