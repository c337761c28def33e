// Vehicles: register, search, and record import-stage events (which re-evaluate their order).
import { notFound, PortsideError } from '../../core/api/errors';
import { diffFields } from '../../core/domain/audit';
import type { Page } from '../../core/domain/order';
import { assertCanRetractStage, assertStageEvent } from '../../core/domain/order-rules';
import { authorIdsOf, type PeopleNames, withAuthorNames } from '../../core/domain/people';
import { STAGE_LABELS } from '../../core/domain/stages';
import type {
  StageEvent,
  StageEventInput,
  StageEventView,
  StageRetractInput,
  Vehicle,
  VehicleCreateInput,
  VehicleDetail,
  VehicleListInput,
  VehicleView,
} from '../../core/domain/vehicle';
import type { VehicleRecord } from '../db/repos/vehicles-repo';
import type { OrdersService } from './orders-service';
import { checkDeliveryBalance } from './payments-service';
import { type Actor, actorMay, baseFieldsOf, inTransaction, type ServiceDeps, type UnitOfWork } from './unit-of-work';

const AUDITED_VEHICLE_FIELDS = [
  'vin',
  'make',
  'model',
  'year',
  'colour',
  'originCountry',
  'originPort',
  'purchasePrice',
  'currency',
  'stage',
  'stageAt',
  'etaDelivery',
  'onHold',
  'holdReason',
] as const satisfies readonly (keyof VehicleRecord)[];

export class VehiclesService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly orders: OrdersService,
  ) {}

  list(input: VehicleListInput): Page<VehicleView> {
    const page = this.deps.repos.vehicles.list(input);
    const names = this.deps.repos.people.names(authorIdsOf(page.items));
    return { ...page, items: page.items.map((v) => withAuthorNames(v, names)) };
  }

  get(id: string): VehicleDetail {
    const vehicle = this.deps.repos.vehicles.get(id);
    if (!vehicle) throw notFound(`Vehicle ${id}`);
    const history = this.deps.repos.vehicles.stageEvents(id);
    // One directory lookup for the vehicle's and every event's authors.
    const names = this.deps.repos.people.names([...authorIdsOf([vehicle]), ...history.flatMap((e) => [e.recordedBy, e.retractedBy])]);
    return { ...withAuthorNames(vehicle, names), stageHistory: history.map((e) => stageEventView(e, names)) };
  }

  create(actor: Actor, input: VehicleCreateInput): VehicleView {
    const created = inTransaction(this.deps, actor, 'vehicles.create', (uow) => {
      const existing = uow.repos.vehicles.getByVin(input.vin);
      if (existing) {
        throw new PortsideError(
          'CONFLICT',
          `Vehicle ${input.vin} is already registered (${existing.year} ${existing.make} ${existing.model}).`,
          {
            fields: { vin: 'This VIN or chassis number is already registered.' },
            current: existing,
          },
        );
      }
      const record: VehicleRecord = {
        id: uow.newId(),
        vin: input.vin,
        make: input.make,
        model: input.model,
        year: input.year,
        colour: input.colour ?? null,
        originCountry: input.originCountry ?? null,
        originPort: input.originPort ?? null,
        purchasePrice: input.purchasePrice ?? null,
        currency: input.currency ?? null,
        stage: 'pending',
        stageAt: uow.now,
        etaDelivery: input.etaDelivery ?? null,
        onHold: false,
        holdReason: null,
        version: 1,
        createdAt: uow.now,
        createdBy: uow.actorId,
        updatedAt: uow.now,
        updatedBy: uow.actorId,
      };
      uow.repos.vehicles.insert(record);
      const changes = diffFields(null, record, AUDITED_VEHICLE_FIELDS);
      uow.audit({ entityType: 'vehicle', entityId: record.id, orderId: null, action: 'created', changes });
      uow.outbox({ entity: 'vehicle', key: { id: record.id }, baseVersion: null, baseFields: null, data: { ...record } });
      uow.notify({ entity: 'vehicle', id: record.id });
      return { ...record, openOrder: null };
    });
    return withAuthorNames(created, this.deps.repos.people.names(authorIdsOf([created])));
  }

  /** Records a stage event; the vehicle's open order is re-evaluated in the same transaction. */
  recordStage(actor: Actor, input: StageEventInput): VehicleDetail {
    inTransaction(this.deps, actor, 'vehicles.recordStage', (uow) => {
      const vehicle = uow.repos.vehicles.get(input.id);
      if (!vehicle) throw notFound(`Vehicle ${input.id}`);
      const at = input.at ?? uow.now;
      const latest = uow.repos.vehicles.latestStageEvent(vehicle.id);
      assertStageEvent({ ...vehicle, latest }, input.stage, at, uow.now);
      checkDeliveryBalance(uow, vehicle, input.stage, input.override);
      const event: StageEvent = {
        id: uow.newId(),
        vehicleId: vehicle.id,
        stage: input.stage,
        at,
        note: input.note ?? null,
        recordedBy: uow.actorId,
        recordedAt: uow.now,
        retractedAt: null,
        retractedBy: null,
        retractReason: null,
      };
      uow.repos.vehicles.insertStageEvent(event);
      const openOrder = this.moveToStage(uow, vehicle, { stage: input.stage, stageAt: at }, 'stage_recorded', input.note ?? null);
      uow.outbox({
        entity: 'stage_event',
        key: { vehicleId: vehicle.id, id: event.id },
        baseVersion: null,
        baseFields: null,
        data: { ...event },
      });
      uow.notify({ entity: 'vehicle', id: vehicle.id, summary: `${vehicle.vin} reached ${STAGE_LABELS[input.stage]}` });
      if (openOrder) this.orders.afterVehicleChange(uow, openOrder.id, `Vehicle ${vehicle.vin} reached ${STAGE_LABELS[input.stage]}.`);
    });
    return this.get(input.id);
  }

  /**
   * Retracts the vehicle's latest stage event as a mistake: the event stays in the history,
   * marked retracted with the reason, and the vehicle goes back to the stage before it. Its
   * open order is re-evaluated; retracting the delivery that completed an order (Managers
   * only) reopens that order to In Progress.
   */
  retractStage(actor: Actor, input: StageRetractInput): VehicleDetail {
    inTransaction(this.deps, actor, 'vehicles.retractStage', (uow) => {
      const vehicle = uow.repos.vehicles.get(input.id);
      if (!vehicle) throw notFound(`Vehicle ${input.id}`);
      const event = uow.repos.vehicles.stageEvents(vehicle.id).find((e) => e.id === input.eventId);
      if (!event) throw notFound(`Stage event ${input.eventId} of vehicle ${vehicle.vin}`);
      const latest = uow.repos.vehicles.latestStageEvent(vehicle.id);
      const completedOrder = event.stage === 'delivered' ? uow.repos.orders.completedOrderOfVehicle(vehicle.id) : null;
      assertCanRetractStage(vehicle.vin, event.id, latest?.id ?? null, completedOrder, actorMay(actor, 'orders:reopen'));
      uow.repos.vehicles.retractStageEvent(event.id, uow.now, uow.actorId, input.reason);
      const previous = uow.repos.vehicles.latestStageEvent(vehicle.id);
      const back = previous ? { stage: previous.stage, stageAt: previous.at } : { stage: 'pending' as const, stageAt: vehicle.createdAt };
      const reason = `${STAGE_LABELS[event.stage]} retracted: ${input.reason}`;
      // A retraction that reopens a completed order belongs in that order's history too.
      const openOrder = this.moveToStage(uow, vehicle, back, 'stage_retracted', input.reason, completedOrder?.id ?? null);
      uow.outbox({
        entity: 'stage_event',
        key: { vehicleId: vehicle.id, id: event.id },
        baseVersion: null,
        baseFields: { retractedAt: null, retractedBy: null, retractReason: null },
        data: { ...event, retractedAt: uow.now, retractedBy: uow.actorId, retractReason: input.reason },
      });
      uow.notify({ entity: 'vehicle', id: vehicle.id, summary: `${vehicle.vin}: ${STAGE_LABELS[event.stage]} retracted` });
      if (openOrder) this.orders.afterVehicleChange(uow, openOrder.id, `Vehicle ${vehicle.vin}: ${reason}`);
      else if (completedOrder) this.orders.reopenAfterRetraction(uow, completedOrder.id, `Vehicle ${vehicle.vin}: ${reason}`);
    });
    return this.get(input.id);
  }

  /**
   * Writes the vehicle's new stage with its audit entry and outbox item; returns its open order,
   * if any. The audit entry is filed under that order, else under `otherOrderId`.
   */
  private moveToStage(
    uow: UnitOfWork,
    vehicle: Vehicle,
    to: Pick<VehicleRecord, 'stage' | 'stageAt'>,
    action: string,
    reason: string | null,
    otherOrderId: string | null = null,
  ): { id: string; orderNumber: string } | null {
    const { openOrder: _openOrder, ...before } = vehicle;
    const after: VehicleRecord = { ...before, ...to, version: before.version + 1, updatedAt: uow.now, updatedBy: uow.actorId };
    uow.repos.vehicles.update(after);
    const changes = diffFields(before, after, AUDITED_VEHICLE_FIELDS);
    const openOrder = uow.repos.orders.openOrderOfVehicle(vehicle.id);
    uow.audit({ entityType: 'vehicle', entityId: vehicle.id, orderId: openOrder?.id ?? otherOrderId, action, changes, reason });
    uow.outbox({
      entity: 'vehicle',
      key: { id: vehicle.id },
      baseVersion: before.version,
      baseFields: baseFieldsOf(before, changes),
      data: { ...after },
    });
    return openOrder;
  }
}

/** The event as the API shows it, its authors named. */
function stageEventView(event: StageEvent, names: PeopleNames): StageEventView {
  return {
    ...event,
    recordedByName: names.nameOf(event.recordedBy),
    retractedByName: event.retractedBy === null ? null : names.nameOf(event.retractedBy),
  };
}
