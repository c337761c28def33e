// Customers screen: a searchable list of customers with their contact details and orders.
import { useEffect, useState } from 'react';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { CustomersIcon } from '../../components/icons';
import { NoticeBanner } from '../../components/notice-banner';
import { Card, PageHeader } from '../../components/page-header';
import { SearchInput } from '../../components/search-input';
import { SkeletonRows } from '../../components/skeleton';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import { useCustomersStore } from '../../stores/customers-store';

const HEAD = 'px-4 py-2.5 text-left text-caption font-semibold tracking-wide text-ink-subtle uppercase';

export function CustomersScreen() {
  const filter = useCustomersStore((s) => s.filter);
  const items = useCustomersStore((s) => s.items);
  const phase = useCustomersStore((s) => s.phase);
  const hasLoaded = useCustomersStore((s) => s.hasLoaded);
  const error = useCustomersStore((s) => s.error);
  const nextCursor = useCustomersStore((s) => s.nextCursor);
  const loadingMore = useCustomersStore((s) => s.loadingMore);
  const setFilter = useCustomersStore((s) => s.setFilter);
  const load = useCustomersStore((s) => s.load);
  const loadMore = useCustomersStore((s) => s.loadMore);
  const [text, setText] = useState(filter.query);
  const query = useDebouncedValue(text, 250);

  useEffect(() => {
    const state = useCustomersStore.getState();
    if (state.hasLoaded) void state.refresh();
    else void state.load();
  }, []);

  useEffect(() => {
    if (query !== useCustomersStore.getState().filter.query) setFilter({ query });
  }, [query, setFilter]);

  return (
    <>
      <PageHeader title="Customers" subtitle="People and companies buying imported vehicles." />
      <div className="mb-4 flex justify-end">
        <SearchInput
          value={text}
          onChange={setText}
          label="Search customers"
          placeholder="Name, company, email or phone"
          shortcut
          className="w-full max-w-sm"
        />
      </div>
      {phase === 'error' && error ? (
        <NoticeBanner
          tone="error"
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
        {phase === 'ready' && items.length === 0 ? (
          <EmptyState icon={<CustomersIcon className="size-5" />} title={filter.query ? 'No customers match' : 'No customers yet'}>
            {filter.query ? `Nothing found for “${filter.query}”.` : 'Customers appear here once they are added.'}
          </EmptyState>
        ) : (
          <table className="w-full table-fixed border-collapse text-body">
            <colgroup>
              <col className="w-[14rem]" />
              <col className="w-[13rem]" />
              <col />
              <col className="w-[11rem]" />
              <col className="w-[9rem]" />
            </colgroup>
            <thead className="sticky top-0 border-b border-line bg-surface-muted">
              <tr>
                <th scope="col" className={HEAD}>
                  Name
                </th>
                <th scope="col" className={HEAD}>
                  Company
                </th>
                <th scope="col" className={HEAD}>
                  Email
                </th>
                <th scope="col" className={HEAD}>
                  Phone
                </th>
                <th scope="col" className={`${HEAD} text-right`}>
                  Orders
                </th>
              </tr>
            </thead>
            <tbody className={phase === 'loading' && hasLoaded ? 'opacity-55' : ''}>
              {!hasLoaded ? (
                <SkeletonRows rows={10} columns={5} rowClass="h-12" />
              ) : (
                items.map((c) => (
                  <tr key={c.id} className="h-12 border-b border-line last:border-0">
                    <td className="truncate px-4 font-medium text-ink">{c.name}</td>
                    <td className="truncate px-4 text-ink-muted">{c.company ?? '—'}</td>
                    <td className="truncate px-4 text-ink-muted">{c.email ?? '—'}</td>
                    <td className="tabular truncate px-4 text-ink-muted">{c.phone ?? '—'}</td>
                    <td className="tabular px-4 text-right text-ink-muted">
                      {c.openOrders > 0 ? <span className="font-medium text-ink">{c.openOrders} open</span> : null}
                      {c.openOrders > 0 ? ' · ' : ''}
                      {c.totalOrders} total
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        )}
      </Card>
      {nextCursor ? (
        <div className="mt-4 flex justify-end">
          <Button onClick={() => void loadMore()} busy={loadingMore}>
            Load more
          </Button>
        </div>
      ) : null}
    </>
  );
}
