// Customers: create, update at a known version, search, and view with their orders.
import { notFound, PortsideError } from '../../core/api/errors';
import { diffFields } from '../../core/domain/audit';
import type {
  Customer,
  CustomerCreateInput,
  CustomerDetail,
  CustomerListInput,
  CustomerListItem,
  CustomerUpdateInput,
  CustomerView,
} from '../../core/domain/customer';
import type { Page } from '../../core/domain/order';
import { authorIdsOf, withAuthorNames } from '../../core/domain/people';
import { fromCustomer } from '../db/repos/customers-repo';
import { type Actor, baseFieldsOf, inTransaction, type ServiceDeps } from './unit-of-work';

const AUDITED_CUSTOMER_FIELDS = [
  'name',
  'company',
  'email',
  'phone',
  'address',
  'preferredChannel',
  'notes',
] as const satisfies readonly (keyof Customer)[];

export class CustomersService {
  constructor(private readonly deps: ServiceDeps) {}

  list(input: CustomerListInput): Page<CustomerListItem> {
    const page = this.deps.repos.customers.list(input);
    const names = this.deps.repos.people.names(authorIdsOf(page.items));
    return { ...page, items: page.items.map((c) => withAuthorNames(c, names)) };
  }

  get(id: string): CustomerDetail {
    const customer = this.deps.repos.customers.get(id);
    if (!customer) throw notFound(`Customer ${id}`);
    const orders = this.deps.repos.orders.listByCustomer(id);
    const byCurrency = new Map<string, { currency: string; orderValue: number; orders: number }>();
    for (const o of orders) {
      if (o.status === 'Cancelled') continue;
      const entry = byCurrency.get(o.currency) ?? { currency: o.currency, orderValue: 0, orders: 0 };
      entry.orderValue += o.orderValue;
      entry.orders += 1;
      byCurrency.set(o.currency, entry);
    }
    return { ...this.named(customer), orders, orderValueByCurrency: [...byCurrency.values()] };
  }

  create(actor: Actor, input: CustomerCreateInput): CustomerView {
    const created = inTransaction(this.deps, actor, 'customers.create', (uow) => {
      const customer: Customer = {
        id: uow.newId(),
        name: input.name,
        company: input.company ?? null,
        email: input.email ?? null,
        phone: input.phone ?? null,
        address: input.address ?? null,
        preferredChannel: input.preferredChannel ?? null,
        notes: input.notes ?? null,
        version: 1,
        createdAt: uow.now,
        createdBy: uow.actorId,
        updatedAt: uow.now,
        updatedBy: uow.actorId,
      };
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
    const updated = inTransaction(this.deps, actor, 'customers.update', (uow) => {
      const before = uow.repos.customers.get(input.id);
      if (!before) throw notFound(`Customer ${input.id}`);
      if (before.version !== input.version) {
        throw new PortsideError(
          'CONFLICT',
          `Customer ${before.name} was changed by ${uow.repos.people.nameOf(before.updatedBy)} after you opened it. Review the current record and try again.`,
          { current: this.named(before) },
        );
      }
      // undefined = leave as is; null = clear (name cannot be cleared: its schema forbids null).
      const patch = Object.fromEntries(AUDITED_CUSTOMER_FIELDS.filter((f) => input[f] !== undefined).map((f) => [f, input[f]]));
      const next: Customer = { ...before, ...patch };
      const changes = diffFields(before, next, AUDITED_CUSTOMER_FIELDS);
      if (changes.length === 0) return before;
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

  private named(customer: Customer): CustomerView {
    return withAuthorNames(customer, this.deps.repos.people.names(authorIdsOf([customer])));
  }
}
