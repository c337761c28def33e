// Writes a record as the sync merge settled it (the outbox item's data shape) into its local row, through the repos.
import type { CommunicationEntry } from '../../core/domain/communication';
import type { Customer } from '../../core/domain/customer';
import type { MessageTemplate } from '../../core/domain/message-template';
import type { SyncedEntity } from '../../core/domain/outbox';
import type { Task } from '../../core/domain/task';
import type { StageEvent } from '../../core/domain/vehicle';
import { fromCustomer } from '../db/repos/customers-repo';
import type { Repos } from '../db/repos';
import type { FollowerRecord } from '../db/repos/order-followers-repo';
import { type LinkRecord, type OrderRecord, orderSearchText } from '../db/repos/orders-repo';
import { fromTemplate } from '../db/repos/templates-repo';
import { fromTask } from '../db/repos/tasks-repo';
import type { VehicleRecord } from '../db/repos/vehicles-repo';

/** The order row from an order item's data: orderId and the vehicle list are the item's, the search text is local. */
export function orderRecordOf(data: Record<string, unknown>, repos: Pick<Repos, 'orders'>): OrderRecord {
  const { orderId: _orderId, vehicles: _vehicles, ...fields } = data;
  const record = { ...fields, searchText: '' } as unknown as OrderRecord;
  record.searchText = orderSearchText(record.orderNumber, repos.orders.links(record.id));
  return record;
}

/**
 * Writes one merged record over its local row (inserting it when the row is missing). Audit
 * entries are append-only and never rewritten here. Callers run it inside their transaction.
 */
export function writeMergedRecord(repos: Repos, entity: SyncedEntity, data: Record<string, unknown>, deleted = false): void {
  switch (entity) {
    case 'order': {
      const record = orderRecordOf(data, repos);
      if (repos.orders.get(record.id)) repos.orders.update(record);
      else repos.orders.insert(record);
      repos.payments.refreshOrderTotals(record.id);
      return;
    }
    case 'order_vehicle': {
      const link = data as unknown as LinkRecord;
      const exists = repos.orders.links(link.orderId).some((l) => l.vehicleId === link.vehicleId);
      if (exists) repos.orders.updateLink(link);
      else repos.orders.insertLink(link);
      return;
    }
    case 'vehicle': {
      const vehicle = data as unknown as VehicleRecord;
      if (repos.vehicles.get(vehicle.id)) repos.vehicles.update(vehicle);
      else repos.vehicles.insert(vehicle);
      return;
    }
    case 'customer': {
      const row = fromCustomer(data as unknown as Customer);
      if (repos.customers.getIncludingMerged(row.id)) repos.customers.update(row);
      else repos.customers.insert(row);
      return;
    }
    case 'stage_event': {
      const event = data as unknown as StageEvent;
      repos.vehicles.setRetraction(event.id, event);
      return;
    }
    case 'template': {
      // A deletion merged with another device's edit stays a deletion (a flag, as templates are soft-deleted).
      const row = fromTemplate(data as unknown as MessageTemplate, deleted);
      if (repos.templates.exists(row.id)) repos.templates.update(row);
      else repos.templates.insert(row);
      return;
    }
    case 'communication': {
      // Only the delivery fields ever change: the row takes the merged ones at the merged version.
      const entry = data as unknown as CommunicationEntry;
      if (repos.communications.get(entry.id)) repos.communications.overwriteDelivery(entry);
      else repos.communications.insert(entry);
      return;
    }
    case 'task': {
      const row = fromTask(data as unknown as Task);
      if (repos.tasks.get(row.id)) repos.tasks.update(row);
      else repos.tasks.insert(row);
      return;
    }
    case 'order_follower':
      repos.followers.put(data as unknown as FollowerRecord);
      return;
    case 'audit':
      return;
  }
}
