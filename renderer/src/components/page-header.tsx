// The title row of a screen: heading, a line of context, and the screen's main actions.
import type { ReactNode } from 'react';

export function PageHeader({
  title,
  subtitle,
  actions,
  above,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  above?: ReactNode;
}) {
  return (
    <header className="mb-6">
      {above ? <div className="mb-3">{above}</div> : null}
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-display font-semibold tracking-tight text-ink">{title}</h1>
          {subtitle ? <div className="mt-1 text-body text-ink-muted">{subtitle}</div> : null}
        </div>
        {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
      </div>
    </header>
  );
}

export function Card({ children, className = '' }: { children: ReactNode; className?: string }) {
  return <section className={`rounded-card bg-surface shadow-card ring-1 ring-line ${className}`}>{children}</section>;
}

export function Kbd({ children }: { children: ReactNode }) {
  return (
    <kbd className="inline-flex h-5 min-w-5 items-center justify-center rounded border border-line-strong bg-surface px-1 font-sans text-caption font-medium text-ink-muted shadow-[0_1px_0_var(--color-line-strong)]">
      {children}
    </kbd>
  );
}
