// Orders list screen: status filter, debounced search, the table, "Load more", and its empty, loading and error states.
import { useEffect, useState } from 'react';
import { Button, ButtonLink } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { OrdersIcon, PlusIcon, SearchIcon } from '../../components/icons';
import { NoticeBanner } from '../../components/notice-banner';
import { Card, PageHeader } from '../../components/page-header';
import { SearchInput } from '../../components/search-input';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import { routes } from '../../routes';
import { useOrdersListStore } from '../../stores/orders-list-store';
import { OrdersTable } from './orders-table';
import { StatusFilter } from './status-filter';

export function OrdersScreen() {
  const filter = useOrdersListStore((s) => s.filter);
  const items = useOrdersListStore((s) => s.items);
  const phase = useOrdersListStore((s) => s.phase);
  const hasLoaded = useOrdersListStore((s) => s.hasLoaded);
  const error = useOrdersListStore((s) => s.error);
  const nextCursor = useOrdersListStore((s) => s.nextCursor);
  const loadingMore = useOrdersListStore((s) => s.loadingMore);
  const setFilter = useOrdersListStore((s) => s.setFilter);
  const load = useOrdersListStore((s) => s.load);
  const loadMore = useOrdersListStore((s) => s.loadMore);

  const [text, setText] = useState(filter.query);
  const query = useDebouncedValue(text, 250);

  useEffect(() => {
    const state = useOrdersListStore.getState();
    if (state.hasLoaded) void state.refresh();
    else void state.load();
  }, []);

  useEffect(() => {
    if (query !== useOrdersListStore.getState().filter.query) setFilter({ query });
  }, [query, setFilter]);

  const filtered = filter.status !== 'All' || filter.query.trim() !== '';
  const firstLoad = phase === 'loading' && !hasLoaded;
  const showEmpty = phase === 'ready' && items.length === 0;

  return (
    <>
      <PageHeader
        title="Orders"
        subtitle="Multi-vehicle import orders, newest first."
        actions={
          <ButtonLink href={routes.newOrder} variant="primary" icon={<PlusIcon />}>
            New order
          </ButtonLink>
        }
      />

      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <StatusFilter value={filter.status} onChange={(status) => setFilter({ status })} />
        <SearchInput
          value={text}
          onChange={setText}
          label="Search orders"
          placeholder="Order no., customer, VIN, make or model"
          shortcut
          busy={phase === 'loading'}
          className="w-full max-w-sm"
        />
      </div>

      {phase === 'error' && error ? (
        <NoticeBanner
          tone="error"
          title="The orders could not be loaded."
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

      <Card className="overflow-clip">
        {showEmpty ? (
          filtered ? (
            <EmptyState icon={<SearchIcon className="size-5" />} title="No orders match">
              <p>Nothing found for {describeFilter(filter.status, filter.query)}. Try another status or search.</p>
              <Button
                className="mt-4"
                onClick={() => {
                  setText('');
                  setFilter({ status: 'All', query: '' });
                }}
              >
                Clear filters
              </Button>
            </EmptyState>
          ) : (
            <EmptyState
              icon={<OrdersIcon className="size-5" />}
              title="No orders yet"
              action={
                <ButtonLink href={routes.newOrder} variant="primary" icon={<PlusIcon />}>
                  Create the first order
                </ButtonLink>
              }
            >
              Orders you create appear here with their vehicles and progress.
            </EmptyState>
          )
        ) : (
          <OrdersTable orders={items} loading={firstLoad || (phase === 'error' && !hasLoaded)} dimmed={phase === 'loading' && hasLoaded} />
        )}
      </Card>

      {hasLoaded && items.length > 0 ? (
        <div className="mt-4 flex items-center justify-between text-body-sm text-ink-subtle">
          <p aria-live="polite">
            {nextCursor ? `Showing the first ${items.length} orders` : `${items.length} ${items.length === 1 ? 'order' : 'orders'}`}
            {filtered ? ` for ${describeFilter(filter.status, filter.query)}` : ''}
          </p>
          {nextCursor ? (
            <Button onClick={() => void loadMore()} busy={loadingMore}>
              Load more
            </Button>
          ) : null}
        </div>
      ) : null}
    </>
  );
}

function describeFilter(status: string, query: string): string {
  const parts: string[] = [];
  if (status !== 'All') parts.push(status.toLowerCase());
  if (query.trim()) parts.push(`“${query.trim()}”`);
  return parts.join(', ');
}
