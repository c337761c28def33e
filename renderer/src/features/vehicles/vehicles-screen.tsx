// Vehicles screen: a searchable list of vehicles with their import stage and the open order holding them, and "Register vehicle".
import { Link } from 'wouter';
import { formatMoney } from '../../../../core/domain/money';
import type { Vehicle } from '../../../../core/domain/vehicle';
import { StageChip } from '../../components/badges';
import { Button } from '../../components/button';
import { CreatedNotice } from '../../components/created-notice';
import { EmptyState } from '../../components/empty-state';
import { PlusIcon, VehiclesIcon } from '../../components/icons';
import { PageHeader } from '../../components/page-header';
import { PagedListView } from '../../components/paged-list-view';
import { SearchInput } from '../../components/search-input';
import { DataCell, DataTable, ListTableBody, type TableColumns, whileHidden } from '../../components/data-table';
import { formatDate } from '../../format/dates';
import { useCreateDialog } from '../../hooks/use-create-dialog';
import { usePagedListScreen } from '../../hooks/use-paged-list-screen';
import { routes } from '../../routes';
import { useVehiclesStore } from '../../stores/vehicles-store';
import { RegisterVehicleDialog } from './register-vehicle-dialog';

// Narrow, the VIN, vehicle, stage and open order stay (the colour joins the vehicle's line); ETA, price and colour join as the room grows.
const COLUMNS = {
  vin: { label: 'VIN / chassis', width: 10.5 },
  vehicle: { label: 'Vehicle', minWidth: 10.5 },
  colour: { label: 'Colour', width: 7.5, hideBelow: 64 },
  stage: { label: 'Stage', width: 10.5 },
  eta: { label: 'ETA', width: 7.25, hideBelow: 52 },
  price: { label: 'Purchase price', width: 9, align: 'right', hideBelow: 60 },
  openOrder: { label: 'Open order', width: 8.5 },
} satisfies TableColumns;

export function VehiclesScreen() {
  const list = usePagedListScreen(useVehiclesStore);
  const { filter, items, phase, hasLoaded, setFilter, searchText, setSearchText } = list;
  const registering = useCreateDialog<Vehicle>(() => void useVehiclesStore.getState().refresh());
  const registered = registering.created;

  return (
    <>
      <PageHeader
        title="Vehicles"
        subtitle="Every imported vehicle, where it is in the import process, and its order."
        actions={
          <Button variant="primary" icon={<PlusIcon />} onClick={registering.start}>
            Register vehicle
          </Button>
        }
      />
      {registered ? (
        <CreatedNotice onShow={() => setSearchText(registered.vin)}>
          Registered <span className="font-mono font-medium">{registered.vin}</span> · {registered.year} {registered.make}{' '}
          {registered.model}.
        </CreatedNotice>
      ) : null}
      <div className="mb-4 flex items-center justify-between gap-4">
        <label className="inline-flex cursor-pointer items-center gap-2 text-body text-ink">
          <input
            type="checkbox"
            className="size-4 accent-primary"
            checked={filter.availableOnly}
            onChange={(e) => setFilter({ availableOnly: e.target.checked })}
          />
          Only vehicles in no open order
        </label>
        <SearchInput
          value={searchText}
          onChange={setSearchText}
          label="Search vehicles"
          placeholder="VIN, make, model, year or colour"
          shortcut
          className="w-full max-w-sm"
        />
      </div>
      <PagedListView
        list={list}
        empty={
          <EmptyState icon={<VehiclesIcon className="size-5" />} title="No vehicles match">
            Try another search{filter.availableOnly ? ', or include vehicles already in orders' : ''}.
          </EmptyState>
        }
      >
        <DataTable columns={COLUMNS} stickyHeader="page">
          <ListTableBody columns={COLUMNS} loading={!hasLoaded} dimmed={phase === 'loading' && hasLoaded} skeletonRowClass="h-12">
            {items.map((v) => (
              <tr key={v.id} className="h-12 border-b border-line last:border-0">
                <DataCell column={COLUMNS.vin} className="px-4 font-mono text-body-sm font-medium text-ink">
                  {v.vin}
                </DataCell>
                <DataCell column={COLUMNS.vehicle} className="truncate px-4 text-ink">
                  {v.year} {v.make} {v.model}
                  {v.colour ? <span className={`text-ink-muted ${whileHidden(COLUMNS.colour)}`}> · {v.colour}</span> : null}
                  {v.originCountry ? <span className="text-ink-subtle"> · {v.originCountry}</span> : null}
                </DataCell>
                <DataCell column={COLUMNS.colour} className="truncate px-4 text-ink-muted">
                  {v.colour ?? '—'}
                </DataCell>
                <DataCell column={COLUMNS.stage} className="px-4">
                  <StageChip stage={v.stage} />
                </DataCell>
                <DataCell column={COLUMNS.eta} className="tabular px-4 text-ink-muted">
                  {v.stage === 'delivered' ? '—' : formatDate(v.etaDelivery)}
                </DataCell>
                <DataCell column={COLUMNS.price} className="tabular px-4 text-ink-muted">
                  {v.purchasePrice !== null && v.currency ? formatMoney(v.purchasePrice, v.currency) : '—'}
                </DataCell>
                <DataCell column={COLUMNS.openOrder} className="px-4">
                  {v.openOrder ? (
                    <Link href={routes.order(v.openOrder.orderId)} className="tabular font-medium text-primary hover:underline">
                      {v.openOrder.orderNumber}
                    </Link>
                  ) : (
                    <span className="text-body-sm text-ink-subtle">Available</span>
                  )}
                </DataCell>
              </tr>
            ))}
          </ListTableBody>
        </DataTable>
      </PagedListView>
      {registering.open ? <RegisterVehicleDialog onClose={registering.cancel} onRegistered={registering.finish} /> : null}
    </>
  );
}
