// A dialog's save through a store action: the save in flight and the refusal, kept until the next try.
import { useState } from 'react';
import type { ErrorDetails } from '../api/error-details';
import type { ActionResult } from '../stores/order-view-store';

export interface SaveAction {
  busy: boolean;
  error: ErrorDetails | null;
  clearError(): void;
  /** Runs the action once (a second Enter while saving does nothing); true when it worked. */
  run(action: () => Promise<ActionResult>): Promise<boolean>;
  /** The refusal's message when none of the form's `fields` explains it (shown above the fields). */
  messageBeyond(fields: readonly string[]): string | null;
}

export function useSaveAction(): SaveAction {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorDetails | null>(null);

  const run = async (action: () => Promise<ActionResult>): Promise<boolean> => {
    if (busy) return false;
    setBusy(true);
    setError(null);
    const result = await action();
    setBusy(false);
    if (!result.ok) setError(result.error);
    return result.ok;
  };

  return {
    busy,
    error,
    clearError: () => setError(null),
    run,
    messageBeyond: (fields) => (error && !Object.keys(error.fields).some((f) => fields.includes(f)) ? error.message : null),
  };
}
