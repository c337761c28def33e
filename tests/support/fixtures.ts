// Test data made through the HTTP API (customers, vehicles, orders), plus snapshots of what the database holds.
import type { Customer } from '../../core/domain/customer';
import type { Order, OrderCreateInput } from '../../core/domain/order';
import type { OrderPayments } from '../../core/domain/payment';
import type { Vehicle, VehicleCreateInput } from '../../core/domain/vehicle';
import { vinCheckDigit } from '../../core/domain/vehicle-id';
import type { Db } from '../../main/db/database';
import { type ApiHarness, expectOk, TEST_PASSWORD } from './api-harness';

let serial = 0;

/** A fresh North-American VIN with a correct check digit, unique within the test run. */
export function uniqueVin(): string {
  serial += 1;
  const draft = `1HGCM826X3A${String(serial).padStart(6, '0')}`;
  return draft.slice(0, 8) + vinCheckDigit(draft) + draft.slice(9);
}

/** A fresh Japanese chassis number, unique within the test run. */
export function uniqueChassis(): string {
  serial += 1;
  return `ZVW30-${String(1_000_000 + serial)}`;
}

/** A customer; the same one again is fine here (allowDuplicate): tests of duplicates call POST /customers themselves. */
export async function createCustomer(api: ApiHarness, input: Partial<Customer> = {}): Promise<Customer> {
  const body = { name: 'Aroha Ngata', email: 'aroha@example.com', phone: '+64 21 555 0101', allowDuplicate: true, ...input };
  return expectOk(await api.call<Customer>('POST', '/customers', body), 201);
}

export async function createVehicle(api: ApiHarness, input: Partial<VehicleCreateInput> = {}): Promise<Vehicle> {
  const body: VehicleCreateInput = {
    vin: uniqueVin(),
    make: 'Toyota',
    model: 'Prius',
    year: 2019,
    purchasePrice: 1_250_000,
    currency: 'USD',
    ...input,
  };
  return expectOk(await api.call<Vehicle>('POST', '/vehicles', body), 201);
}

export async function createVehicles(api: ApiHarness, count: number, input: Partial<VehicleCreateInput> = {}): Promise<Vehicle[]> {
  const vehicles: Vehicle[] = [];
  for (let i = 0; i < count; i++) vehicles.push(await createVehicle(api, input));
  return vehicles;
}

/** A Draft order; one with neither customer nor vehicles given gets a new customer (an order needs one or the other). */
export async function createOrder(api: ApiHarness, input: Partial<OrderCreateInput> = {}): Promise<Order> {
  const needsCustomer = input.customerId === undefined && (input.vehicles?.length ?? 0) === 0;
  const customerId = needsCustomer ? (await createCustomer(api)).id : input.customerId;
  return expectOk(await api.call<Order>('POST', '/orders', { currency: 'USD', ...input, ...(customerId ? { customerId } : {}) }), 201);
}

/** A Confirmed order of a new customer holding `count` new vehicles, each priced 1,000.00 USD. */
export async function createConfirmedOrder(api: ApiHarness, count: number): Promise<{ order: Order; vehicles: Vehicle[] }> {
  const customer = await createCustomer(api);
  const vehicles = await createVehicles(api, count);
  const draft = await createOrder(api, { customerId: customer.id, vehicles: vehicles.map((v) => ({ vehicleId: v.id, price: 100_000 })) });
  const order = expectOk(
    await api.call<Order>('PUT', `/orders/${draft.id}`, { version: draft.version, status: 'Confirmed', reason: 'Agreement signed.' }),
  );
  return { order, vehicles };
}

/** A Manager's session on the harness's backend (created on first use): who cancels a confirmed order, where a CSR may cancel only a Draft. */
export async function managerToken(api: ApiHarness): Promise<string> {
  const username = 'morgan-manager';
  if (!api.backend.services.deps.repos.users.byUsername(username)) {
    api.backend.services.auth.createUser({ username, displayName: 'Morgan Manager', password: TEST_PASSWORD, roles: ['Manager'] });
  }
  return (await api.signIn(username, TEST_PASSWORD)).token;
}

/** Cancels an open order as a Manager (any open order may be cancelled by one), with a reason. */
export async function cancelOrder(api: ApiHarness, order: Pick<Order, 'id' | 'version'>, reason = 'Customer withdrew.'): Promise<Order> {
  const token = await managerToken(api);
  return expectOk(await api.call<Order>('PUT', `/orders/${order.id}`, { version: order.version, status: 'Cancelled', reason }, { token }));
}

/** Pays an order's whole balance due (as the CSR signed in), so its vehicles can be delivered without a Manager's override. */
export async function payBalance(api: ApiHarness, orderId: string): Promise<void> {
  const { balanceDue, currency } = expectOk(await api.call<OrderPayments>('GET', `/orders/${orderId}/payments`));
  if (balanceDue <= 0) return;
  expectOk(
    await api.call('POST', `/orders/${orderId}/payments`, { kind: 'balance', amount: balanceDue, currency, method: 'bank_transfer' }),
    201,
  );
}

/** Tables whose rows a service call may write (users and sessions are left out: signing in writes them). */
export const DOMAIN_TABLES = [
  'customers',
  'customer_segments',
  'vehicles',
  'vehicle_stage_events',
  'orders',
  'order_vehicles',
  'audit_entries',
  'outbox',
  'order_counters',
  'payments',
  'message_templates',
  'communications',
  'tasks',
] as const;
export type DomainTable = (typeof DOMAIN_TABLES)[number];

export function countRows(db: Db, table: DomainTable): number {
  return db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? 0;
}

export function rowCounts(db: Db): Record<DomainTable, number> {
  return Object.fromEntries(DOMAIN_TABLES.map((t) => [t, countRows(db, t)])) as Record<DomainTable, number>;
}

/** Every row of every domain table, in a stable order: equal snapshots mean nothing changed at all. */
export function snapshot(db: Db): Record<DomainTable, unknown[]> {
  return Object.fromEntries(DOMAIN_TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()])) as Record<
    DomainTable,
    unknown[]
  >;
}

export interface OutboxRow {
  seq: number;
  operation: string;
  items: string;
}

export function outboxSince(db: Db, seq: number): OutboxRow[] {
  return db.prepare<[number], OutboxRow>(`SELECT seq, operation, items FROM outbox WHERE seq > ? ORDER BY seq`).all(seq);
}

export function lastOutboxSeq(db: Db): number {
  return db.prepare<[], { seq: number | null }>(`SELECT max(seq) AS seq FROM outbox`).get()?.seq ?? 0;
}
