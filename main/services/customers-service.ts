// Customers: create and update at a known version (refusing likely duplicates), search, look up duplicates, view with orders, merge.
import { notFound, PortsideError } from '../../core/api/errors';
import { diffFields } from '../../core/domain/audit';
import type {
  Customer,
  CustomerCreateInput,
  CustomerDetail,
  CustomerDuplicatesInput,
  CustomerListInput,
  CustomerListItem,
  CustomerMergeInput,
  CustomerMergeResult,
  CustomerUpdateInput,
  CustomerView,
  DuplicateMatch,
} from '../../core/domain/customer';
import { type DuplicateReason, normalizeEmail } from '../../core/domain/customer-duplicates';
import { DEFAULT_PHONE_REGION, normalizePhones } from '../../core/domain/customer-phone';
import { lifetimeValue, outstandingBalance } from '../../core/domain/customer-totals';
import type { Page } from '../../core/domain/order';
import { authorIdsOf, withAuthorNames } from '../../core/domain/people';
import { fromCustomer } from '../db/repos/customers-repo';
import { mergeCustomers } from './customer-merge';
import { duplicateConflict, findDuplicates, normalizedProfile, probeOf } from './customer-records';
import { type Actor, baseFieldsOf, inTransaction, type ServiceDeps, type UnitOfWork } from './unit-of-work';

export const AUDITED_CUSTOMER_FIELDS = [
  'name',
  'company',
  'email',
  'phone',
  'address',
  'preferredChannel',
  'notes',
  'type',
  'segments',
  'taxId',
  'contacts',
  'addresses',
  'mergedInto',
] as const satisfies readonly (keyof Customer)[];

/** The fields each reason rests on: an edit is refused only for a likeness it creates, not one the customer already had. */
const REASON_FIELDS: Readonly<Record<DuplicateReason, readonly string[]>> = {
  same_email: ['email'],
  same_phone: ['phone'],
  similar_name_and_company: ['name', 'company'],
};

export class CustomersService {
  constructor(
    private readonly deps: ServiceDeps,
    /** Region a phone number without a country code is read in (PORTSIDE_DEFAULT_PHONE_REGION). */
    readonly phoneRegion: string = DEFAULT_PHONE_REGION,
  ) {}

  list(input: CustomerListInput): Page<CustomerListItem> {
    const page = this.deps.repos.customers.list(input);
    const names = this.deps.repos.people.names(authorIdsOf(page.items));
    return { ...page, items: page.items.map((c) => withAuthorNames(c, names)) };
  }

  get(id: string): Omit<CustomerDetail, 'communication'> {
    const customer = this.deps.repos.customers.get(id);
    if (!customer) throw this.missing(id);
    const orders = this.deps.repos.orders.listByCustomer(id);
    const byCurrency = new Map<string, { currency: string; orderValue: number; orders: number }>();
    for (const o of orders) {
      if (o.status === 'Cancelled') continue;
      const entry = byCurrency.get(o.currency) ?? { currency: o.currency, orderValue: 0, orders: 0 };
      entry.orderValue += o.orderValue;
      entry.orders += 1;
      byCurrency.set(o.currency, entry);
    }
    return {
      ...this.named(customer),
      orders,
      orderValueByCurrency: [...byCurrency.values()],
      lifetimeValue: lifetimeValue(orders),
      outstandingBalance: outstandingBalance(orders),
      mergedFrom: this.deps.repos.customers.mergedFrom(id),
    };
  }

  /** Customers likely to be the one described (any of name + company, email, phone), e.g. while a form is filled in. */
  duplicates(input: CustomerDuplicatesInput): { items: DuplicateMatch[] } {
    if (input.phone) normalizePhones([{ path: 'phone', label: 'Phone', raw: input.phone }], this.phoneRegion);
    const probe = probeOf(input, this.phoneRegion);
    if (input.email) probe.email = normalizeEmail(input.email);
    return { items: this.matches(this.deps.repos, probe, input.excludeId ?? null) };
  }

  create(actor: Actor, input: CustomerCreateInput): CustomerView {
    const profile = normalizedProfile(input, this.phoneRegion);
    const created = inTransaction(this.deps, actor, 'customers.create', (uow) => {
      const customer: Customer = {
        id: uow.newId(),
        name: input.name,
        company: input.company ?? null,
        email: input.email ?? null,
        phone: profile.phone ?? null,
        address: input.address ?? null,
        preferredChannel: input.preferredChannel ?? null,
        notes: input.notes ?? null,
        type: input.type ?? 'private',
        segments: input.segments ?? [],
        taxId: input.taxId ?? null,
        contacts: profile.contacts ?? [],
        addresses: profile.addresses ?? [],
        mergedInto: null,
        version: 1,
        createdAt: uow.now,
        createdBy: uow.actorId,
        updatedAt: uow.now,
        updatedBy: uow.actorId,
      };
      if (!input.allowDuplicate) this.refuseDuplicate(uow, customer);
      uow.repos.customers.insert(fromCustomer(customer));
      uow.audit({
        entityType: 'customer',
        entityId: customer.id,
        orderId: null,
        action: 'created',
        changes: diffFields(null, customer, AUDITED_CUSTOMER_FIELDS),
      });
      uow.outbox({ entity: 'customer', key: { id: customer.id }, baseVersion: null, baseFields: null, data: { ...customer } });
      uow.notify({ entity: 'customer', id: customer.id });
      return customer;
    });
    return this.named(created);
  }

  update(actor: Actor, input: CustomerUpdateInput): CustomerView {
    const profile = normalizedProfile(input, this.phoneRegion);
    const updated = inTransaction(this.deps, actor, 'customers.update', (uow) => {
      const before = uow.repos.customers.get(input.id);
      if (!before) throw this.missing(input.id);
      if (before.version !== input.version) {
        throw new PortsideError(
          'CONFLICT',
          `Customer ${before.name} was changed by ${uow.repos.people.nameOf(before.updatedBy)} after you opened it. Review the current record and try again.`,
          { current: this.named(before) },
        );
      }
      // undefined = leave as is; null = clear (name and type cannot be cleared: their schemas forbid null).
      const given = { ...input, ...profile };
      const editable = AUDITED_CUSTOMER_FIELDS.filter((f) => f !== 'mergedInto');
      const patch = Object.fromEntries(editable.filter((f) => given[f] !== undefined).map((f) => [f, given[f]]));
      const next: Customer = { ...before, ...patch };
      const changes = diffFields(before, next, AUDITED_CUSTOMER_FIELDS);
      if (changes.length === 0) return before;
      if (!input.allowDuplicate) this.refuseDuplicate(uow, next, new Set(changes.map((c) => c.field)));
      const saved: Customer = { ...next, version: before.version + 1, updatedAt: uow.now, updatedBy: uow.actorId };
      uow.repos.customers.update(fromCustomer(saved));
      uow.audit({ entityType: 'customer', entityId: saved.id, orderId: null, action: 'updated', changes });
      uow.outbox({
        entity: 'customer',
        key: { id: saved.id },
        baseVersion: before.version,
        baseFields: baseFieldsOf(before, changes),
        data: { ...saved },
      });
      uow.notify({ entity: 'customer', id: saved.id });
      return saved;
    });
    return this.named(updated);
  }

  /** Merges the duplicate `sourceId` into customer `id` (see customer-merge.ts). */
  merge(actor: Actor, input: CustomerMergeInput): CustomerMergeResult {
    const result = mergeCustomers(this.deps, actor, input, (customer) => this.named(customer));
    return result;
  }

  /** Refuses a save that looks like another customer; `changed` (an edit's changed fields) limits it to likenesses the edit creates. */
  private refuseDuplicate(uow: UnitOfWork, customer: Customer, changed?: ReadonlySet<string>): void {
    const created = (reason: DuplicateReason) => !changed || REASON_FIELDS[reason].some((f) => changed.has(f));
    const matches = this.matches(uow.repos, probeOf(customer, this.phoneRegion), customer.id)
      .map((m) => ({ ...m, reasons: m.reasons.filter(created) }))
      .filter((m) => m.reasons.length > 0);
    if (matches.length > 0) throw duplicateConflict(matches);
  }

  private matches(repos: ServiceDeps['repos'], probe: ReturnType<typeof probeOf>, excludeId: string | null): DuplicateMatch[] {
    return findDuplicates(repos, probe, excludeId).flatMap(({ id, reasons }) => {
      const customer = repos.customers.get(id);
      return customer ? [{ customer: this.named(customer), reasons }] : [];
    });
  }

  /** "Not found", or where a merged customer went (its id may still sit in a bookmark or an old tab). */
  private missing(id: string): PortsideError {
    const merged = this.deps.repos.customers.getIncludingMerged(id);
    if (merged?.mergedInto) {
      const target = this.deps.repos.customers.get(merged.mergedInto);
      return new PortsideError(
        'NOT_FOUND',
        `Customer ${merged.name} was merged into ${target?.name ?? 'another customer'}: open that customer instead.`,
        { current: { mergedInto: merged.mergedInto } },
      );
    }
    return notFound(`Customer ${id}`);
  }

  private named(customer: Customer): CustomerView {
    return withAuthorNames(customer, this.deps.repos.people.names(authorIdsOf([customer])));
  }
}
