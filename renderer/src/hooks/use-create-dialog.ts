// A list screen's "add a record" flow: whether its dialog is open, and the record it added last (for the confirmation).
import { useState } from 'react';

export interface CreateDialog<T> {
  open: boolean;
  /** The record the dialog created, until the next one is started. */
  created: T | null;
  start(): void;
  cancel(): void;
  finish(record: T): void;
}

/** `onCreated` runs after each record the dialog adds, e.g. to refresh the list. */
export function useCreateDialog<T>(onCreated?: (record: T) => void): CreateDialog<T> {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<T | null>(null);
  return {
    open,
    created,
    start: () => {
      setCreated(null);
      setOpen(true);
    },
    cancel: () => setOpen(false),
    finish: (record) => {
      setOpen(false);
      setCreated(record);
      onCreated?.(record);
    },
  };
}
