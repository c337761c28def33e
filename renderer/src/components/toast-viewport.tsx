// Where toasts appear: bottom right, announced politely (errors assertively), each dismissable.
import { useToastStore } from '../stores/toast-store';
import { AlertIcon, CheckIcon, CloseIcon } from './icons';

export function ToastViewport() {
  const toasts = useToastStore((s) => s.toasts);
  const dismiss = useToastStore((s) => s.dismiss);
  return (
    <div className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-96 max-w-[calc(100%-2rem)] flex-col gap-2" data-testid="toasts">
      {toasts.map((toast) => {
        const Icon = toast.tone === 'error' ? AlertIcon : CheckIcon;
        return (
          <div
            key={toast.id}
            role={toast.tone === 'error' ? 'alert' : 'status'}
            className={`pointer-events-auto flex items-start gap-3 rounded-card px-4 py-3 text-body-sm shadow-dialog ring-1 ${
              toast.tone === 'error' ? 'bg-danger-soft text-danger ring-danger-line' : 'bg-brand-deep text-white ring-white/10'
            }`}
          >
            <Icon className={`mt-0.5 size-4 shrink-0 ${toast.tone === 'error' ? '' : 'text-brand-accent'}`} />
            <p className="min-w-0 flex-1">{toast.message}</p>
            <button
              type="button"
              onClick={() => dismiss(toast.id)}
              className="-m-1 rounded-control p-1 opacity-70 hover:opacity-100"
              aria-label="Dismiss"
            >
              <CloseIcon className="size-3.5" />
            </button>
          </div>
        );
      })}
    </div>
  );
}
