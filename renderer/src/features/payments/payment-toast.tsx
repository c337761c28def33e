// A short-lived confirmation in the corner after a payment is saved, announced to screen readers; it goes by itself or on Dismiss.
import { useEffect } from 'react';
import { CheckIcon, CloseIcon } from '../../components/icons';

const SHOWN_MS = 6000;

export function PaymentToast({ message, onDismiss }: { message: string | null; onDismiss: () => void }) {
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(onDismiss, SHOWN_MS);
    return () => clearTimeout(timer);
  }, [message, onDismiss]);

  return (
    <div aria-live="polite" className="pointer-events-none fixed right-6 bottom-6 z-40 print:hidden">
      {message ? (
        <div
          role="status"
          data-testid="payment-toast"
          className="pointer-events-auto flex max-w-sm items-start gap-3 rounded-card bg-surface px-4 py-3 text-body-sm shadow-lg ring-1 ring-success-ink/25"
        >
          <CheckIcon className="mt-0.5 size-4 shrink-0 text-success-ink" />
          <p className="flex-1 text-ink">{message}</p>
          <button type="button" onClick={onDismiss} className="text-ink-subtle hover:text-ink" aria-label="Dismiss">
            <CloseIcon className="size-4" />
          </button>
        </div>
      ) : null}
    </div>
  );
}
