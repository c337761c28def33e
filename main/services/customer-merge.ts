// Merging a duplicate customer into another: its orders (and what hangs off them) move, empty fields fill, the duplicate becomes a tombstone.
import { notFound, PortsideError, ruleViolation } from '../../core/api/errors';
import { diffFields } from '../../core/domain/audit';
import type { Customer, CustomerMergeInput, CustomerMergeResult, CustomerView } from '../../core/domain/customer';
import { normalizeEmail, normalizeName } from '../../core/domain/customer-duplicates';
import { MAX_ADDRESSES, MAX_CONTACTS, MAX_SEGMENTS, segmentKey } from '../../core/domain/customer-profile';
import { fromCustomer } from '../db/repos/customers-repo';
import { finish } from './order-writes';
import { type Actor, baseFieldsOf, inTransaction, type ServiceDeps, type UnitOfWork } from './unit-of-work';

/** Fields the target keeps when it has them and takes from the source when it has not. */
const FILLED_FIELDS = [
  'company',
  'email',
  'phone',
  'address',
  'preferredChannel',
  'notes',
  'taxId',
] as const satisfies readonly (keyof Customer)[];

const MERGE_FIELDS = [...FILLED_FIELDS, 'segments', 'contacts', 'addresses', 'mergedInto'] as const satisfies readonly (keyof Customer)[];

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * The target after taking in the source: its empty fields filled, segments / contacts / addresses
 * unioned (case- and accent-insensitively). The source's own email or phone, when the target
 * keeps a different one, becomes a contact so no way of reaching the customer is lost.
 * Refuses (422) a union over the limits a person could not save either.
 */
export function mergedProfile(target: Customer, source: Customer): Customer {
  const next: Customer = { ...target };
  for (const field of FILLED_FIELDS) {
    if (next[field] === null && source[field] !== null) Object.assign(next, { [field]: source[field] });
  }
  const keepsOtherEmail = source.email && next.email && normalizeEmail(source.email) !== normalizeEmail(next.email);
  const keepsOtherPhone = source.phone && next.phone && source.phone !== next.phone;
  const sourceAsContact =
    keepsOtherEmail || keepsOtherPhone
      ? [
          {
            name: source.name,
            role: 'From merged record',
            email: keepsOtherEmail ? source.email : null,
            phone: keepsOtherPhone ? source.phone : null,
          },
        ]
      : [];
  next.segments = uniqueBy([...target.segments, ...source.segments], segmentKey);
  next.contacts = uniqueBy([...target.contacts, ...source.contacts, ...sourceAsContact], (c) =>
    [normalizeName(c.name), c.email ? normalizeEmail(c.email) : '', c.phone ?? ''].join('|'),
  );
  next.addresses = uniqueBy([...target.addresses, ...source.addresses], (a) =>
    normalizeName([a.label, ...a.lines, a.city, a.postcode, a.country].filter(Boolean).join(' ')),
  );
  const over = [
    next.segments.length > MAX_SEGMENTS ? `${next.segments.length} segments (at most ${MAX_SEGMENTS})` : null,
    next.contacts.length > MAX_CONTACTS ? `${next.contacts.length} contacts (at most ${MAX_CONTACTS})` : null,
    next.addresses.length > MAX_ADDRESSES ? `${next.addresses.length} addresses (at most ${MAX_ADDRESSES})` : null,
  ].filter(Boolean);
  if (over.length > 0) {
    throw ruleViolation(
      `Together ${target.name} and ${source.name} would have ${over.join(' and ')}. Remove some from either customer, then merge.`,
    );
  }
  return next;
}

/**
 * Moves everything recorded against customer `sourceId` to `targetId` inside the merge's unit of
 * work: today the orders (their payments belong to the orders and move with them; GSI1 follows
 * each order item's customerId). Records keyed by customer directly (communications) are moved
 * here with one more repo call each. Returns the moved orders.
 */
export function moveCustomerRecords(uow: UnitOfWork, sourceId: string, targetId: string): { id: string; orderNumber: string }[] {
  const moved: { id: string; orderNumber: string }[] = [];
  for (const orderId of uow.repos.customers.orderIds(sourceId)) {
    const before = uow.repos.orders.get(orderId);
    if (!before) continue;
    const saved = finish(uow, before, { ...before, customerId: targetId }, uow.repos.orders.links(orderId), {
      action: 'customer_changed',
      reason: 'Customer records merged.',
    });
    moved.push({ id: saved.id, orderNumber: saved.orderNumber });
  }
  return moved;
}

function loadForMerge(uow: UnitOfWork, id: string, role: 'target' | 'source'): Customer {
  const customer = uow.repos.customers.getIncludingMerged(id);
  if (!customer) {
    const error = notFound(`Customer ${id}`);
    if (role === 'source') return throwWithField(error, 'sourceId');
    throw error;
  }
  if (customer.mergedInto) {
    const into = uow.repos.customers.getIncludingMerged(customer.mergedInto)?.name ?? 'another customer';
    throw new PortsideError(
      'RULE_VIOLATION',
      role === 'target'
        ? `${customer.name} was already merged into ${into}: merge into ${into} instead.`
        : `${customer.name} was already merged into ${into}: there is nothing left to merge.`,
      { fields: { [role === 'target' ? 'id' : 'sourceId']: `Already merged into ${into}.` } },
    );
  }
  return customer;
}

function throwWithField(error: PortsideError, field: string): never {
  throw new PortsideError(error.code, error.message, { fields: { [field]: error.message } });
}

function staleVersion(uow: UnitOfWork, customer: Customer, field: 'version' | 'sourceVersion', current: CustomerView): PortsideError {
  return new PortsideError(
    'CONFLICT',
    `${customer.name} was changed by ${uow.repos.people.nameOf(customer.updatedBy)} after you opened it (now version ${customer.version}). Review it and merge again.`,
    { fields: { [field]: `The current version is ${customer.version}.` }, current },
  );
}

/** Writes one customer of the merge: its row, an audit entry 'merged', its outbox item and event. */
function saveMerged(uow: UnitOfWork, before: Customer, next: Customer, reason: string): Customer {
  const changes = diffFields(before, next, MERGE_FIELDS);
  const saved: Customer = { ...next, version: before.version + 1, updatedAt: uow.now, updatedBy: uow.actorId };
  uow.repos.customers.update(fromCustomer(saved));
  uow.audit({ entityType: 'customer', entityId: saved.id, orderId: null, action: 'merged', changes, reason });
  uow.outbox({
    entity: 'customer',
    key: { id: saved.id },
    baseVersion: before.version,
    baseFields: baseFieldsOf(before, changes),
    data: { ...saved },
  });
  uow.notify({ entity: 'customer', id: saved.id });
  return saved;
}

/** One transaction: fill and save the target, move the source's records, tombstone the source. */
export function mergeCustomers(
  deps: ServiceDeps,
  actor: Actor,
  input: CustomerMergeInput,
  named: (c: Customer) => CustomerView,
): CustomerMergeResult {
  if (input.id === input.sourceId) {
    throw new PortsideError('VALIDATION', 'A customer cannot be merged into itself: pick the duplicate as sourceId.', {
      fields: { sourceId: 'Must be another customer than the one merged into.' },
    });
  }
  return inTransaction(deps, actor, 'customers.merge', (uow) => {
    const target = loadForMerge(uow, input.id, 'target');
    const source = loadForMerge(uow, input.sourceId, 'source');
    if (target.version !== input.version) throw staleVersion(uow, target, 'version', named(target));
    if (source.version !== input.sourceVersion) throw staleVersion(uow, source, 'sourceVersion', named(source));
    const saved = saveMerged(uow, target, mergedProfile(target, source), `Merged ${source.name} into this customer.`);
    const movedOrders = moveCustomerRecords(uow, source.id, target.id);
    const moved = movedOrders.length === 1 ? '1 order' : `${movedOrders.length} orders`;
    saveMerged(uow, source, { ...source, mergedInto: target.id }, `Merged into ${target.name} (${moved} moved).`);
    return { customer: named(saved), movedOrders, sourceId: source.id };
  });
}
