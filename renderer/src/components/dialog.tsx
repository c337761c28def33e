// Modal dialog on the native <dialog>: focus stays inside, Esc closes, the page behind is inert; one may open over another.
import { type FormEvent, type ReactNode, type SyntheticEvent, useEffect, useId, useRef } from 'react';
import { createPortal } from 'react-dom';
import { Button } from './button';
import { CloseIcon } from './icons';
import { NoticeBanner } from './notice-banner';

interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  footer: ReactNode;
  /** Wraps body and footer in a form so Enter submits. */
  onSubmit?: () => void;
  /** While busy, Esc and the close button do nothing (a save is in flight). */
  busy?: boolean;
  size?: 'md' | 'lg';
  /** A refusal no field explains, shown above the body. */
  error?: ReactNode;
}

/** A form dialog's buttons: leave without changing anything, or save (Enter does the same). */
export function DialogActions({
  onCancel,
  busy,
  submitLabel,
  cancelLabel = 'Cancel',
  variant = 'primary',
  submitDisabled = false,
}: {
  onCancel: () => void;
  busy: boolean;
  submitLabel: string;
  cancelLabel?: string;
  variant?: 'primary' | 'danger';
  submitDisabled?: boolean;
}) {
  return (
    <>
      <Button onClick={onCancel} disabled={busy}>
        {cancelLabel}
      </Button>
      <Button type="submit" variant={variant} busy={busy} disabled={submitDisabled}>
        {submitLabel}
      </Button>
    </>
  );
}

export function Dialog({ open, onClose, title, description, children, footer, onSubmit, busy = false, size = 'md', error }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // The first field marked data-autofocus gets focus, not the close button in the header.
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  // A refusal shows at the top of the body: scroll it into view if the body was scrolled down to a field.
  useEffect(() => {
    if (error) bodyRef.current?.scrollTo({ top: 0 });
  }, [error]);

  const body = (
    <>
      <div ref={bodyRef} className="flex-1 overflow-y-auto px-6 py-5">
        {error ? (
          <NoticeBanner tone="error" className="mb-4">
            {error}
          </NoticeBanner>
        ) : null}
        {children}
      </div>
      <div className="flex items-center justify-end gap-2 border-t border-line bg-surface-muted px-6 py-3.5">{footer}</div>
    </>
  );

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // React passes events up its own tree, portals included: a dialog opened from inside this
    // one (a new customer from the order's customer picker) must not submit this one too.
    event.stopPropagation();
    onSubmit?.();
  };

  /** Cancel and close events of a dialog opened over this one reach here through React's tree. */
  const isOwn = (event: SyntheticEvent<HTMLDialogElement>): boolean => event.target === event.currentTarget;

  // In <body>, not where it is declared: a dialog's form is never nested in another dialog's form.
  return createPortal(
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        if (!isOwn(event)) return;
        event.preventDefault();
        if (!busy) onClose();
      }}
      onClose={(event) => {
        // The browser may close a dialog itself (repeated Esc); keep React's state in step.
        if (isOwn(event) && open) onClose();
      }}
      className={`m-auto max-h-[min(90vh,48rem)] w-[calc(100%-2rem)] overflow-hidden rounded-card bg-surface p-0 text-ink shadow-dialog ${
        size === 'lg' ? 'max-w-3xl' : 'max-w-lg'
      } open:flex open:flex-col`}
    >
      {open ? (
        <>
          <div className="flex items-start justify-between gap-4 border-b border-line px-6 pt-5 pb-4">
            <div>
              <h2 id={titleId} className="text-title font-semibold text-ink">
                {title}
              </h2>
              {description ? (
                <p id={descriptionId} className="mt-1 text-body-sm text-ink-muted">
                  {description}
                </p>
              ) : null}
            </div>
            <button
              type="button"
              onClick={() => {
                if (!busy) onClose();
              }}
              className="-mr-2 rounded-control p-1.5 text-ink-subtle hover:bg-ink/5 hover:text-ink"
              aria-label="Close"
            >
              <CloseIcon className="size-4.5" />
            </button>
          </div>
          {onSubmit ? (
            <form onSubmit={submit} className="flex min-h-0 flex-1 flex-col" noValidate>
              {body}
            </form>
          ) : (
            body
          )}
        </>
      ) : null}
    </dialog>,
    document.body,
  );
}
