// Labelled form controls: every input has a visible label, an optional hint, and its error right below it.
import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes, useId } from 'react';
import { AlertIcon, ChevronDownIcon } from './icons';

export function controlClasses(invalid: boolean, extra = ''): string {
  const ring = invalid ? 'ring-danger focus:ring-danger' : 'ring-line-strong focus:ring-primary';
  return `block w-full rounded-control bg-surface px-3 text-body text-ink shadow-xs ring-1 ring-inset ${ring} placeholder:text-ink-subtle/80 focus:outline-none focus:ring-2 disabled:bg-surface-muted disabled:text-ink-subtle ${extra}`;
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1.5 flex items-start gap-1.5 text-body-sm text-danger" data-field-error>
      <AlertIcon className="mt-0.5 size-3.5 shrink-0" />
      <span>{message}</span>
    </p>
  );
}

interface ShellProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean;
  className?: string;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

/** Label + control + hint + error, wired together with ids for screen readers. */
export function FieldShell({ label, hint, error, required, className = '', children }: ShellProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1.5 block text-body-sm font-medium text-ink">
        {label}
        {required ? (
          <span className="ml-0.5 text-danger" aria-hidden="true">
            *
          </span>
        ) : null}
      </label>
      {children({ id, describedBy, invalid: !!error })}
      {hint && !error ? (
        <p id={hintId} className="mt-1.5 text-caption text-ink-subtle">
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId} message={error} />
    </div>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'className' | 'children'> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  className?: string;
  /** Shown inside the field on the right, e.g. the currency code. */
  suffix?: ReactNode;
  /** Classes for the input itself (`className` is the whole field's), e.g. a monospaced identifier. */
  inputClassName?: string;
};

export function TextField({ label, hint, error, className, suffix, inputClassName = '', required, ...input }: TextFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} required={required} className={className}>
      {({ id, describedBy, invalid }) => (
        <div className="relative">
          <input
            id={id}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            aria-required={required || undefined}
            className={controlClasses(invalid, `h-control ${suffix ? 'pr-14' : ''} ${inputClassName}`)}
            {...input}
          />
          {suffix ? (
            <span className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-caption font-medium text-ink-subtle">
              {suffix}
            </span>
          ) : null}
        </div>
      )}
    </FieldShell>
  );
}

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'className' | 'children'> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  className?: string;
};

export function TextAreaField({ label, hint, error, className, required, rows = 3, ...input }: TextAreaFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} required={required} className={className}>
      {({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          rows={rows}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          aria-required={required || undefined}
          className={controlClasses(invalid, 'resize-y py-2')}
          {...input}
        />
      )}
    </FieldShell>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'className'> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  className?: string;
};

export function SelectField({ label, hint, error, className, required, children, ...select }: SelectFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} required={required} className={className}>
      {({ id, describedBy, invalid }) => (
        <div className="relative">
          <select
            id={id}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            className={controlClasses(invalid, 'h-control cursor-pointer appearance-none pr-9')}
            {...select}
          >
            {children}
          </select>
          <ChevronDownIcon className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-ink-subtle" />
        </div>
      )}
    </FieldShell>
  );
}
