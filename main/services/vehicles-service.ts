// Vehicles: register, search, and record import-stage events (which re-evaluate their order).
import { notFound, PortsideError } from '../../core/api/errors';
import { diffFields } from '../../core/domain/audit';
import type { Page } from '../../core/domain/order';
import { assertStageChange } from '../../core/domain/order-rules';
import { STAGE_LABELS } from '../../core/domain/stages';
import type { StageEventInput, Vehicle, VehicleCreateInput, VehicleDetail, VehicleListInput } from '../../core/domain/vehicle';
import type { VehicleRecord } from '../db/repos/vehicles-repo';
import type { OrdersService } from './orders-service';
import { type Actor, baseFieldsOf, inTransaction, type ServiceDeps } from './unit-of-work';

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

  list(input: VehicleListInput): Page<Vehicle> {
    return this.deps.repos.vehicles.list(input);
  }

  get(id: string): VehicleDetail {
    const vehicle = this.deps.repos.vehicles.get(id);
    if (!vehicle) throw notFound(`Vehicle ${id}`);
    return { ...vehicle, stageHistory: this.deps.repos.vehicles.stageEvents(id) };
  }

  create(actor: Actor, input: VehicleCreateInput): Vehicle {
    return inTransaction(this.deps, actor, 'vehicles.create', (uow) => {
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
        createdBy: actor.name,
        updatedAt: uow.now,
        updatedBy: actor.name,
      };
      uow.repos.vehicles.insert(record);
      const changes = diffFields(null, record, AUDITED_VEHICLE_FIELDS);
      uow.audit({ entityType: 'vehicle', entityId: record.id, orderId: null, action: 'created', changes });
      uow.outbox({ entity: 'vehicle', key: { id: record.id }, baseVersion: null, baseFields: null, data: { ...record } });
      uow.notify({ entity: 'vehicle', id: record.id });
      return { ...record, openOrder: null };
    });
  }

  /** Records a stage event; the vehicle's open order is re-evaluated in the same transaction. */
  recordStage(actor: Actor, input: StageEventInput): VehicleDetail {
    inTransaction(this.deps, actor, 'vehicles.recordStage', (uow) => {
      const vehicle = uow.repos.vehicles.get(input.id);
      if (!vehicle) throw notFound(`Vehicle ${input.id}`);
      assertStageChange(vehicle.vin, vehicle.stage, input.stage);
      const at = input.at ?? uow.now;
      if (at > uow.now) {
        throw new PortsideError('VALIDATION', `The stage date ${at.slice(0, 10)} is in the future: record a stage once it has happened.`, {
          fields: { at: 'Stage date cannot be in the future.' },
        });
      }
      const { openOrder: _openOrder, ...before } = vehicle;
      const after: VehicleRecord = {
        ...before,
        stage: input.stage,
        stageAt: at,
        version: before.version + 1,
        updatedAt: uow.now,
        updatedBy: actor.name,
      };
      uow.repos.vehicles.update(after);
      const event = {
        id: uow.newId(),
        vehicleId: vehicle.id,
        stage: input.stage,
        at,
        note: input.note ?? null,
        recordedBy: actor.name,
        recordedAt: uow.now,
      };
      uow.repos.vehicles.insertStageEvent(event);
      const changes = diffFields(before, after, AUDITED_VEHICLE_FIELDS);
      const openOrder = uow.repos.orders.openOrderOfVehicle(vehicle.id);
      uow.audit({
        entityType: 'vehicle',
        entityId: vehicle.id,
        orderId: openOrder?.id ?? null,
        action: 'stage_recorded',
        changes,
        reason: input.note ?? null,
      });
      uow.outbox({
        entity: 'vehicle',
        key: { id: vehicle.id },
        baseVersion: before.version,
        baseFields: baseFieldsOf(before, changes),
        data: { ...after },
      });
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
}
