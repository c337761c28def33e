// A short confirmation in the corner after a save ("Template saved"), announced to screen readers, gone after a few seconds.
import { useEffect } from 'react';
import { CheckIcon } from '../../components/icons';

const SHOWN_MS = 4000;

/** `onDone(null)` clears it: pass a state setter, which stays the same between renders. */
export function SaveToast({ message, onDone }: { message: string | null; onDone: (message: null) => void }) {
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => onDone(null), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [message, onDone]);
  return (
    <div aria-live="polite" className="pointer-events-none fixed right-6 bottom-6 z-40">
      {message ? (
        <p
          role="status"
          data-testid="toast"
          className="flex items-center gap-2 rounded-card bg-brand-deep px-4 py-3 text-body-sm font-medium text-white shadow-card ring-1 ring-white/10"
        >
          <CheckIcon className="size-4 text-brand-accent" />
          {message}
        </p>
      ) : null}
    </div>
  );
}
