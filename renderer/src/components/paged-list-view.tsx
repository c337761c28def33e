// The frame of a paged list screen (presentational): the load error with a retry, the card holding the table or its empty state, and "Load more".
import type { ReactNode } from 'react';
import type { ListPhase } from '../stores/paged-list-slice';
import { Button } from './button';
import { NoticeBanner } from './notice-banner';
import { Card } from './page-header';

export interface PagedListViewState {
  phase: ListPhase;
  error: string | null;
  hasLoaded: boolean;
  items: readonly unknown[];
  nextCursor: string | null;
  loadingMore: boolean;
  load(): Promise<void>;
  loadMore(): Promise<void>;
}

export function PagedListView({
  list,
  errorTitle,
  empty,
  summary,
  children,
}: {
  list: PagedListViewState;
  errorTitle?: string;
  /** Shown in the card instead of the table once a load finds no rows (an `EmptyState`). */
  empty: ReactNode;
  /** A line beside "Load more", such as how many rows are shown. With it the row shows whenever there are rows; without it, only when there are more to load. */
  summary?: ReactNode;
  /** The table; it shows its own skeleton until the first page arrives. */
  children: ReactNode;
}) {
  const { phase, error, hasLoaded, items, nextCursor, loadingMore, load, loadMore } = list;
  const loadMoreButton = nextCursor ? (
    <Button onClick={() => void loadMore()} busy={loadingMore}>
      Load more
    </Button>
  ) : null;

  let footer: ReactNode = null;
  if (summary === undefined) {
    if (loadMoreButton) footer = <div className="mt-4 flex justify-end">{loadMoreButton}</div>;
  } else if (hasLoaded && items.length > 0) {
    footer = (
      <div className="mt-4 flex items-center justify-between text-body-sm text-ink-subtle">
        <p aria-live="polite">{summary}</p>
        {loadMoreButton}
      </div>
    );
  }

  return (
    <>
      {phase === 'error' && error ? (
        <NoticeBanner
          tone="error"
          title={errorTitle}
          className="mb-4"
          action={
            <Button size="sm" onClick={() => void load()}>
              Try again
            </Button>
          }
        >
          {error}
        </NoticeBanner>
      ) : null}
      <Card className="overflow-clip">{phase === 'ready' && items.length === 0 ? empty : children}</Card>
      {footer}
    </>
  );
}
