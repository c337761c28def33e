// The scrolling box of a picker's search results: a spinner until the first answer, a message when nothing matches, else the list.
import type { ReactNode } from 'react';
import { Spinner } from './button';

export function PickerResults({
  loading,
  count,
  loadingLabel = 'Searching…',
  empty,
  className,
  children,
}: {
  loading: boolean;
  /** How many results are shown; with none, `empty` stands in for the list. */
  count: number;
  loadingLabel?: string;
  /** What to say (and offer) when nothing matches. */
  empty: ReactNode;
  /** The box's height, e.g. `h-56`. */
  className: string;
  children: ReactNode;
}) {
  return (
    // Scrolls both ways: a table inside keeps its header at the top of this box, and scrolls sideways here if it cannot fit.
    <div className={`overflow-auto rounded-control ring-1 ring-line ${className}`} aria-busy={loading}>
      {loading && count === 0 ? (
        <div className="flex h-full items-center justify-center gap-2 text-body-sm text-ink-subtle">
          <Spinner /> {loadingLabel}
        </div>
      ) : count === 0 ? (
        <div className="flex h-full flex-col items-center justify-center gap-3 px-6 text-center text-body-sm text-ink-subtle">{empty}</div>
      ) : (
        children
      )}
    </div>
  );
}
