// Reads one contract operation for a component (pickers, small panels): latest answer wins, previous rows stay while loading.
import { useCallback, useEffect, useState } from 'react';
import type { InputOf, OperationName, OutputOf } from '../../../core/api/contract';
import { callApi } from '../api/api-call';
import { type ErrorDetails, errorDetails } from '../api/error-details';

export interface ApiQuery<K extends OperationName> {
  /** The latest answer, or the previous one while a new input is loading. */
  data: OutputOf<K> | null;
  loading: boolean;
  error: ErrorDetails | null;
  reload(): void;
}

interface Answer<K extends OperationName> {
  key: string;
  data: OutputOf<K> | null;
  error: ErrorDetails | null;
}

export function useApiQuery<K extends OperationName>(name: K, input: InputOf<K>, enabled = true): ApiQuery<K> {
  const [nonce, setNonce] = useState(0);
  const key = `${nonce}:${JSON.stringify(input)}`;
  const [answer, setAnswer] = useState<Answer<K> | null>(null);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const sent = JSON.parse(key.slice(key.indexOf(':') + 1)) as InputOf<K>;
    callApi(name, sent).then(
      (data) => {
        if (live) setAnswer({ key, data, error: null });
      },
      (error: unknown) => {
        if (live) setAnswer((previous) => ({ key, data: previous?.data ?? null, error: errorDetails(error) }));
      },
    );
    return () => {
      live = false;
    };
  }, [name, key, enabled]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const current = answer?.key === key;
  return {
    data: answer?.data ?? null,
    loading: enabled && !current,
    error: current ? (answer?.error ?? null) : null,
    reload,
  };
}
