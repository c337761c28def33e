// A short-lived confirmation in the corner after each Activity action (sent, logged, copied, retried), announced to screen readers.
import { useCallback, useEffect, useState } from 'react';
import { AlertIcon, CheckIcon, CloseIcon } from '../../components/icons';

export interface Toast {
  id: number;
  message: string;
  tone: 'success' | 'error';
}

/** How long a toast stays; errors stay until dismissed (they may need reading). */
const TOAST_MS = 4000;

export function useToast(): { current: Toast | null; show(message: string, tone: Toast['tone']): void; dismiss(): void } {
  const [current, setCurrent] = useState<Toast | null>(null);
  useEffect(() => {
    if (!current || current.tone === 'error') return;
    const timer = setTimeout(() => setCurrent(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [current]);
  const show = useCallback((message: string, tone: Toast['tone']) => setCurrent({ id: Date.now(), message, tone }), []);
  const dismiss = useCallback(() => setCurrent(null), []);
  return { current, show, dismiss };
}

export function ActivityToast({ toast, onDismiss }: { toast: Toast | null; onDismiss(): void }) {
  return (
    <div className="pointer-events-none fixed right-6 bottom-6 z-50" aria-live="polite">
      {toast ? (
        <div
          key={toast.id}
          role={toast.tone === 'error' ? 'alert' : 'status'}
          data-testid="toast"
          className={`pointer-events-auto flex max-w-sm items-start gap-2 rounded-card px-4 py-3 text-body-sm shadow-dialog ring-1 ${
            toast.tone === 'error' ? 'bg-danger-soft text-danger ring-danger-line' : 'bg-brand-deep text-ink-inverse ring-brand'
          }`}
        >
          {toast.tone === 'error' ? <AlertIcon className="mt-0.5 size-4 shrink-0" /> : <CheckIcon className="mt-0.5 size-4 shrink-0" />}
          <span className="flex-1">{toast.message}</span>
          <button type="button" aria-label="Dismiss" className="opacity-70 hover:opacity-100" onClick={onDismiss}>
            <CloseIcon className="size-4" />
          </button>
        </div>
      ) : null}
    </div>
  );
}
