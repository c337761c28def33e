// Customers screen: a searchable list of customers with their contact details and orders, and "New customer".
import type { Customer } from '../../../../core/domain/customer';
import { Button } from '../../components/button';
import { CreatedNotice } from '../../components/created-notice';
import { EmptyState } from '../../components/empty-state';
import { CustomersIcon, PlusIcon } from '../../components/icons';
import { PageHeader } from '../../components/page-header';
import { PagedListView } from '../../components/paged-list-view';
import { SearchInput } from '../../components/search-input';
import { DataTable, ListTableBody, type TableColumn } from '../../components/data-table';
import { useCreateDialog } from '../../hooks/use-create-dialog';
import { usePagedListScreen } from '../../hooks/use-paged-list-screen';
import { useCustomersStore } from '../../stores/customers-store';
import { NewCustomerDialog } from './new-customer-dialog';

const COLUMNS: readonly TableColumn[] = [
  { label: 'Name', width: 'w-[14rem]' },
  { label: 'Company', width: 'w-[13rem]' },
  { label: 'Email' },
  { label: 'Phone', width: 'w-[11rem]' },
  { label: 'Orders', width: 'w-[9rem]', align: 'right' },
];

export function CustomersScreen() {
  const list = usePagedListScreen(useCustomersStore);
  const { filter, items, phase, hasLoaded, searchText, setSearchText } = list;
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
      <div className="mb-4 flex justify-end">
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
          <EmptyState icon={<CustomersIcon className="size-5" />} title={filter.query ? 'No customers match' : 'No customers yet'}>
            {filter.query ? `Nothing found for “${filter.query}”.` : 'Customers appear here once they are added.'}
          </EmptyState>
        }
      >
        <DataTable columns={COLUMNS} sticky>
          <ListTableBody
            columnCount={COLUMNS.length}
            loading={!hasLoaded}
            dimmed={phase === 'loading' && hasLoaded}
            skeletonRowClass="h-12"
          >
            {items.map((c) => (
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
            ))}
          </ListTableBody>
        </DataTable>
      </PagedListView>
      {adding.open ? <NewCustomerDialog onClose={adding.cancel} onCreated={adding.finish} /> : null}
    </>
  );
}
