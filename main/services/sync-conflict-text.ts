// How a conflict names its record and values for a person: an order number, a VIN on an order, a customer's name.
import type { SyncedEntity } from '../../core/domain/outbox';
import type { Repos } from '../db/repos';

/** What a CSR calls the record, e.g. "Order PS-2026-00042" or "Vehicle JT… on order PS-2026-00042". */
export function recordLabel(
  repos: Pick<Repos, 'orders' | 'vehicles' | 'customers'>,
  entity: SyncedEntity,
  key: Record<string, string>,
): string {
  const orderNumber = (id: string | undefined): string => (id ? (repos.orders.get(id)?.orderNumber ?? 'an order') : 'an order');
  const vin = (id: string | undefined): string => (id ? (repos.vehicles.get(id)?.vin ?? 'a vehicle') : 'a vehicle');
  switch (entity) {
    case 'order':
      return `Order ${orderNumber(key.id)}`;
    case 'order_vehicle':
      return `Vehicle ${vin(key.vehicleId)} on order ${orderNumber(key.orderId)}`;
    case 'vehicle':
      return `Vehicle ${vin(key.id)}`;
    case 'stage_event':
      return `A stage of vehicle ${vin(key.vehicleId)}`;
    case 'customer':
      return `Customer ${key.id ? (repos.customers.get(key.id)?.name ?? 'record') : 'record'}`;
    case 'payment':
      return `A payment on order ${orderNumber(key.orderId)}`;
    case 'communication':
      return `A message on order ${orderNumber(key.orderId)}`;
    case 'order_follower':
      return `Following order ${orderNumber(key.orderId)}`;
    case 'audit':
      return 'An audit entry';
    case 'template':
      return 'A message template';
    case 'task':
      return `A task on order ${orderNumber(key.orderId)}`;
  }
}

/** A value as a sentence shows it: quoted text, "nothing" for an empty value. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'nothing';
  if (typeof value === 'string') return `"${value.length > 60 ? `${value.slice(0, 57)}...` : value}"`;
  return JSON.stringify(value);
}
