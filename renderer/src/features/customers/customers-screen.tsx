// Customers screen: a searchable list of customers (type and segment filters) with their contact details, orders and open balance.
import { Link } from 'wouter';
import type { Customer } from '../../../../core/domain/customer';
import { formatMoney, isCurrency } from '../../../../core/domain/money';
import { Button } from '../../components/button';
import { CreatedNotice } from '../../components/created-notice';
import { EmptyState } from '../../components/empty-state';
import { CustomersIcon, PlusIcon } from '../../components/icons';
import { PageHeader } from '../../components/page-header';
import { PagedListView } from '../../components/paged-list-view';
import { SearchInput } from '../../components/search-input';
import { DataCell, DataTable, ListTableBody, type TableColumns } from '../../components/data-table';
import { useCreateDialog } from '../../hooks/use-create-dialog';
import { usePagedListScreen } from '../../hooks/use-paged-list-screen';
import { useCustomersStore } from '../../stores/customers-store';
import { formatPhone } from '../../format/phone';
import { routes } from '../../routes';
import { CustomerTypeBadge, SegmentChips } from './customer-badges';
import { CustomerTypeFilter, SegmentFilterChip } from './customer-filters';
import { NewCustomerDialog } from './new-customer-dialog';

// Narrow, the company leaves first (the name, email and phone are how a CSR reaches the customer); wide, names get more room.
const COLUMNS = {
  name: { label: 'Name', width: 10.5, widen: { from: 68, width: 14 } },
  company: { label: 'Company', width: 10.5, hideBelow: 52, widen: { from: 68, width: 13 } },
  email: { label: 'Email', minWidth: 12 },
  phone: { label: 'Phone', width: 9.5 },
  orders: { label: 'Orders', width: 9, align: 'right' },
  balance: { label: 'Open balance', width: 9, align: 'right', hideBelow: 60 },
} satisfies TableColumns;

export function CustomersScreen() {
  const list = usePagedListScreen(useCustomersStore);
  const { filter, items, phase, hasLoaded, searchText, setSearchText, setFilter } = list;
  const filtered = Boolean(filter.query || filter.type || filter.segment);
  const adding = useCreateDialog<Customer>(() => void useCustomersStore.getState().refresh());
  const added = adding.created;

  return (
    <>
      <PageHeader
        title="Customers"
        subtitle="People and companies buying imported vehicles."
        actions={
          <Button variant="primary" icon={<PlusIcon />} onClick={adding.start}>
            New customer
          </Button>
        }
      />
      {added ? <CreatedNotice onShow={() => setSearchText(added.name)}>{added.name} was added.</CreatedNotice> : null}
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-2">
          <CustomerTypeFilter value={filter.type} onChange={(type) => setFilter({ type })} />
          <SegmentFilterChip segment={filter.segment} onClear={() => setFilter({ segment: '' })} />
        </div>
        <SearchInput
          value={searchText}
          onChange={setSearchText}
          label="Search customers"
          placeholder="Name, company, email or phone"
          shortcut
          className="w-full max-w-sm"
        />
      </div>
      <PagedListView
        list={list}
        empty={
          <EmptyState icon={<CustomersIcon className="size-5" />} title={filtered ? 'No customers match' : 'No customers yet'}>
            {filtered ? 'Nothing found with these filters.' : 'Customers appear here once they are added.'}
          </EmptyState>
        }
      >
        <DataTable columns={COLUMNS} stickyHeader="page">
          <ListTableBody columns={COLUMNS} loading={!hasLoaded} dimmed={phase === 'loading' && hasLoaded} skeletonRowClass="h-12">
            {items.map((c) => (
              <tr key={c.id} className="h-12 border-b border-line last:border-0">
                <DataCell column={COLUMNS.name} className="truncate px-4">
                  <span className="flex min-w-0 items-center gap-2">
                    <Link href={routes.customer(c.id)} className="truncate font-medium text-ink hover:text-primary hover:underline">
                      {c.name}
                    </Link>
                    {c.type !== 'private' ? <CustomerTypeBadge type={c.type} /> : null}
                  </span>
                  {c.segments.length > 0 ? (
                    <div className="mt-0.5 hidden xl:block">
                      <SegmentChips segments={c.segments.slice(0, 3)} onPick={(segment) => setFilter({ segment })} />
                    </div>
                  ) : null}
                </DataCell>
                <DataCell column={COLUMNS.company} className="truncate px-4 text-ink-muted">
                  {c.company ?? '—'}
                </DataCell>
                <DataCell column={COLUMNS.email} className="truncate px-4 text-ink-muted">
                  {c.email ?? '—'}
                </DataCell>
                <DataCell column={COLUMNS.phone} className="tabular truncate px-4 text-ink-muted">
                  {c.phone ? formatPhone(c.phone) : '—'}
                </DataCell>
                <DataCell column={COLUMNS.orders} className="tabular px-4 text-ink-muted">
                  <Link
                    href={routes.customer(c.id)}
                    className="hover:text-primary hover:underline"
                    aria-label={`${c.totalOrders} orders of ${c.name}`}
                  >
                    {c.openOrders > 0 ? <span className="font-medium text-ink">{c.openOrders} open</span> : null}
                    {c.openOrders > 0 ? ' · ' : ''}
                    {c.totalOrders} total
                  </Link>
                </DataCell>
                <DataCell column={COLUMNS.balance} className="tabular px-4 text-ink-muted">
                  {c.openBalance.length === 0
                    ? '—'
                    : c.openBalance.map((b) => (
                        <span key={b.currency} className="block">
                          {isCurrency(b.currency) ? formatMoney(b.amount, b.currency) : b.amount}{' '}
                          <span className="text-caption text-ink-subtle">{b.currency}</span>
                        </span>
                      ))}
                </DataCell>
              </tr>
            ))}
          </ListTableBody>
        </DataTable>
      </PagedListView>
      {adding.open ? <NewCustomerDialog onClose={adding.cancel} onCreated={adding.finish} /> : null}
    </>
  );
}
