// Orders list screen: status filter, a link's filters as chips (from the dashboard), debounced search, the table, "Load more", and its empty, loading and error states.
import { useEffect, useMemo } from 'react';
import { useLocation, useSearch } from 'wouter';
import { Button, ButtonLink } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { OrdersIcon, PlusIcon, SearchIcon } from '../../components/icons';
import { PageHeader } from '../../components/page-header';
import { PagedListView } from '../../components/paged-list-view';
import { SearchInput } from '../../components/search-input';
import { usePagedListScreen } from '../../hooks/use-paged-list-screen';
import { routes } from '../../routes';
import { useOrdersListStore } from '../../stores/orders-list-store';
import { FilterChips } from './filter-chips';
import { hasLinkFilters, ordersLinkQueryOf, ordersLinkWithStatus } from './orders-query';
import { OrdersTable } from './orders-table';
import { PaymentStatusFilter } from './payment-status-filter';
import { StatusFilter } from './status-filter';

export function OrdersScreen() {
  const list = usePagedListScreen(useOrdersListStore);
  const { filter, items, phase, hasLoaded, nextCursor, setFilter, searchText, setSearchText } = list;
  const [, navigate] = useLocation();
  const search = useSearch();
  const linkQuery = useMemo(() => ordersLinkQueryOf(search), [search]);
  const linked = hasLinkFilters(linkQuery);
  useEffect(() => {
    // The link decides the filters it names (and status, All unless named); leaving a link clears them.
    const current = useOrdersListStore.getState().filter;
    if (!linked && Object.keys(current.link).length === 0) return;
    setFilter({ status: linkQuery.status ?? 'All', link: linkQuery.filters });
  }, [linkQuery, linked, setFilter]);
  const filtered = filter.status !== 'All' || filter.paymentStatus !== 'All' || filter.query.trim() !== '' || linked;

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
        <div className="flex flex-wrap items-center gap-3">
          <StatusFilter
            value={filter.status}
            onChange={(status) => (linked ? navigate(ordersLinkWithStatus(linkQuery, status), { replace: true }) : setFilter({ status }))}
          />
          <PaymentStatusFilter value={filter.paymentStatus} onChange={(paymentStatus) => setFilter({ paymentStatus })} />
        </div>
        <SearchInput
          value={searchText}
          onChange={setSearchText}
          label="Search orders"
          placeholder="Order no., customer, VIN, make or model"
          shortcut
          busy={phase === 'loading'}
          className="w-full max-w-sm"
        />
      </div>

      <FilterChips query={linkQuery} />

      <PagedListView
        list={list}
        errorTitle="The orders could not be loaded."
        empty={
          filtered ? (
            <EmptyState icon={<SearchIcon className="size-5" />} title="No orders match">
              <p>
                Nothing found for {describeFilter(filter.status, filter.paymentStatus, filter.query) || 'these filters'}. Try another status
                or search.
              </p>
              <Button
                className="mt-4"
                onClick={() => {
                  setSearchText('');
                  if (linked) navigate('/orders', { replace: true });
                  setFilter({ status: 'All', paymentStatus: 'All', query: '', link: {} });
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
        }
        summary={
          <>
            {nextCursor ? `Showing the first ${items.length} orders` : `${items.length} ${items.length === 1 ? 'order' : 'orders'}`}
            {linked
              ? ' matching the filters above'
              : filtered
                ? ` for ${describeFilter(filter.status, filter.paymentStatus, filter.query)}`
                : ''}
          </>
        }
      >
        <OrdersTable orders={items} loading={!hasLoaded} dimmed={phase === 'loading' && hasLoaded} />
      </PagedListView>
    </>
  );
}

function describeFilter(status: string, paymentStatus: string, query: string): string {
  const parts: string[] = [];
  if (status !== 'All') parts.push(status.toLowerCase());
  if (paymentStatus !== 'All') parts.push(paymentStatus.toLowerCase());
  if (query.trim()) parts.push(`“${query.trim()}”`);
  return parts.join(', ');
}
