// What a list shows when there is nothing in it: an icon, a sentence, and what to do next.
import type { ReactNode } from 'react';

export function EmptyState({
  icon,
  title,
  children,
  action,
}: {
  icon: ReactNode;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="flex flex-col items-center justify-center px-6 py-16 text-center">
      <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-surface-muted text-ink-subtle ring-1 ring-line">
        {icon}
      </div>
      <p className="text-title font-semibold text-ink">{title}</p>
      {children ? <div className="mt-1 max-w-md text-body text-ink-muted">{children}</div> : null}
      {action ? <div className="mt-5">{action}</div> : null}
    </div>
  );
}
