// The order's vehicles (presentational): every link, removed ones greyed with their reason, and per-vehicle actions (stage, price, remove).
import type { ReactNode } from 'react';
import { formatMoney } from '../../../../core/domain/money';
import type { Order, OrderVehicle } from '../../../../core/domain/order';
import { canChangeVehicles, isOpenStatus } from '../../../../core/domain/order-rules';
import { isDelivered } from '../../../../core/domain/stages';
import { LinkStatusTag, StageChip } from '../../components/badges';
import { Button } from '../../components/button';
import { FlagIcon, PencilIcon, TrashIcon, UndoIcon } from '../../components/icons';
import { DataCell, DataTable, type TableColumns, whileHidden, whileWidened } from '../../components/data-table';
import { formatDate, isPastDay } from '../../format/dates';
import { canOfferRetraction } from './stage-retraction';

// Narrow, the colour moves under the vehicle's name, the ETA under its stage, and the actions drop their labels
// (icons with tooltips); the VIN, stage and agreed price keep their own columns at every width.
const COLUMNS = {
  vin: { label: 'VIN / chassis · link', width: 10.5 },
  vehicle: { label: 'Vehicle', minWidth: 8 },
  colour: { label: 'Colour', width: 7.5, hideBelow: 64 },
  stage: { label: 'Stage', width: 10.5 },
  eta: { label: 'ETA', width: 7.25, hideBelow: 52 },
  price: { label: 'Agreed price', width: 8.5, align: 'right' },
  actions: { label: <span className="sr-only">Actions</span>, width: 6, widen: { from: 60, width: 11.5 } },
} satisfies TableColumns;

export interface VehicleActions {
  onRecordStage(vehicle: OrderVehicle): void;
  onRetractStage(vehicle: OrderVehicle): void;
  onChangePrice(vehicle: OrderVehicle): void;
  onRemove(vehicle: OrderVehicle): void;
}

/** A small text action under a cell's value (retract the stage, change the price): quiet until pointed at. */
function CellAction({ label, icon, onClick, children }: { label: string; icon: ReactNode; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-label={label}
      title={label}
      className="-mx-1 mt-1 inline-flex items-center gap-1 rounded px-1 py-0.5 text-caption font-medium text-ink-muted hover:bg-primary-soft hover:text-primary"
    >
      {icon}
      {children}
    </button>
  );
}

interface RowProps {
  order: Order;
  vehicle: OrderVehicle;
  actions: VehicleActions;
  /** The person may reopen a Completed order by retracting its delivery (a Manager). */
  mayReopen: boolean;
}

function VehicleRow({ order, vehicle, actions, mayReopen }: RowProps) {
  const removed = vehicle.status === 'Removed';
  const canRecord = !removed && isOpenStatus(order.status) && !isDelivered(vehicle.stage);
  const canRemove = !removed && canChangeVehicles(order.status) && !isDelivered(vehicle.stage);
  const canRetract = canOfferRetraction(order, vehicle, mayReopen);
  const canReprice = !removed && isOpenStatus(order.status);
  const etaLate = !removed && !isDelivered(vehicle.stage) && isPastDay(vehicle.etaDelivery);
  const name = `${vehicle.year} ${vehicle.make} ${vehicle.model}`;
  const eta = isDelivered(vehicle.stage) ? null : (
    <span className={etaLate ? 'font-medium text-warning-ink' : 'text-ink-subtle'}>ETA {formatDate(vehicle.etaDelivery)}</span>
  );
  return (
    <tr className={`border-b border-line last:border-0 ${removed ? 'bg-surface-muted/70 text-ink-subtle' : ''}`} data-vin={vehicle.vin}>
      <DataCell column={COLUMNS.vin} className="px-4 py-3 align-top">
        <span
          className={`font-mono text-body-sm font-medium ${removed ? 'text-ink-subtle line-through decoration-ink-subtle/50' : 'text-ink'}`}
        >
          {vehicle.vin}
        </span>
        <div className="mt-1">
          <LinkStatusTag status={vehicle.status} />
        </div>
      </DataCell>
      <DataCell column={COLUMNS.vehicle} className="px-4 py-3 align-top">
        <p className={removed ? '' : 'font-medium text-ink'}>{name}</p>
        {vehicle.colour ? <p className={`text-body-sm text-ink-muted ${whileHidden(COLUMNS.colour)}`}>{vehicle.colour}</p> : null}
        {removed ? (
          <p className="mt-0.5 text-caption text-ink-subtle" data-testid="removed-reason">
            Removed {formatDate(vehicle.removedDate)}
            {vehicle.removedReason ? ` — ${vehicle.removedReason}` : ''}
          </p>
        ) : null}
      </DataCell>
      <DataCell column={COLUMNS.colour} className="px-4 py-3 align-top text-ink-muted">
        {vehicle.colour ?? '—'}
      </DataCell>
      <DataCell column={COLUMNS.stage} className="px-4 py-3 align-top" data-cell="stage">
        <StageChip stage={vehicle.stage} muted={removed} />
        <p className="tabular mt-1 text-caption text-ink-subtle">
          {/* A cancelled order keeps each stage as it was when cancelled; the vehicle may have moved on since. */}
          {order.status === 'Cancelled' ? 'at cancellation' : `since ${formatDate(vehicle.stageAt)}`}
        </p>
        {eta ? <p className={`tabular mt-0.5 text-caption ${whileHidden(COLUMNS.eta)}`}>{eta}</p> : null}
        {vehicle.onHold ? (
          <p className="mt-1 text-caption font-medium text-warning-ink">On hold{vehicle.holdReason ? `: ${vehicle.holdReason}` : ''}</p>
        ) : null}
        {canRetract ? (
          <CellAction
            label={`Retract the last stage of ${vehicle.vin}`}
            icon={<UndoIcon className="size-3" />}
            onClick={() => actions.onRetractStage(vehicle)}
          >
            Retract
          </CellAction>
        ) : null}
      </DataCell>
      <DataCell
        column={COLUMNS.eta}
        className={`tabular px-4 py-3 align-top ${etaLate ? 'font-medium text-warning-ink' : 'text-ink-muted'}`}
      >
        {isDelivered(vehicle.stage) ? <span className="text-ink-subtle">Delivered</span> : formatDate(vehicle.etaDelivery)}
      </DataCell>
      <DataCell column={COLUMNS.price} className={`tabular px-4 py-3 align-top font-medium ${removed ? '' : 'text-ink'}`}>
        <span data-testid="line-price">{formatMoney(vehicle.price, order.currency)}</span>
        {canReprice ? (
          <div>
            <CellAction
              label={`Change the agreed price of ${vehicle.vin}`}
              icon={<PencilIcon className="size-3" />}
              onClick={() => actions.onChangePrice(vehicle)}
            >
              Change
            </CellAction>
          </div>
        ) : null}
      </DataCell>
      <DataCell column={COLUMNS.actions} className="px-3 py-2.5 align-top">
        <div className="flex justify-end gap-1">
          {canRecord ? (
            <Button
              size="sm"
              variant="ghost"
              icon={<FlagIcon className="size-3.5" />}
              onClick={() => actions.onRecordStage(vehicle)}
              aria-label={`Record stage for ${vehicle.vin}`}
              title="Record stage"
            >
              <span className={whileWidened(COLUMNS.actions)}>Record stage</span>
            </Button>
          ) : null}
          {canRemove ? (
            <Button
              size="sm"
              variant="ghost"
              className="text-danger hover:bg-danger-soft hover:text-danger"
              onClick={() => actions.onRemove(vehicle)}
              aria-label={`Remove ${vehicle.vin} from the order`}
              title="Remove from order"
              icon={<TrashIcon className="size-3.5" />}
            />
          ) : null}
        </div>
      </DataCell>
    </tr>
  );
}

export function OrderVehiclesTable({ order, actions, mayReopen }: Omit<RowProps, 'vehicle'>) {
  // Current vehicles first, removed ones (kept for history) at the end.
  const rows = [...order.vehicles].sort((a, b) => Number(a.status === 'Removed') - Number(b.status === 'Removed'));
  return (
    <DataTable columns={COLUMNS}>
      <tbody>
        {rows.map((vehicle) => (
          <VehicleRow key={vehicle.vehicleId} order={order} vehicle={vehicle} actions={actions} mayReopen={mayReopen} />
        ))}
      </tbody>
    </DataTable>
  );
}
