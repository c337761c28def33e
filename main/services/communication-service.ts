// The order communication log: log an entry (one transaction, audited, synced), list it, and advance e-mail delivery.
import { notFound, PortsideError } from '../../core/api/errors';
import {
  CHANNEL_LABELS,
  type CommunicationEntry,
  type CommunicationListInput,
  type CommunicationLogInput,
  type CommunicationRetryInput,
  type CommunicationView,
  type DeliveryStatus,
} from '../../core/domain/communication';
import type { FieldChange } from '../../core/domain/audit';
import type { DeliveryAdvance } from '../db/repos/communications-repo';
import { type Actor, inTransaction, type ServiceDeps, SYSTEM_ACTOR, type UnitOfWork } from './unit-of-work';

/** Where the service asks for an e-mail to go out now (the delivery loop, once it runs; nothing without SMTP). */
export interface EmailDeliveryRequests {
  /** Whether SMTP is configured: outgoing e-mails are then queued and sent, else drafted. */
  readonly configured: boolean;
  requestDelivery(): void;
}

export const NO_EMAIL: EmailDeliveryRequests = { configured: false, requestDelivery: () => undefined };

/** The slot the app layer plugs the delivery loop into (it starts after the services). */
export class EmailDeliverySlot implements EmailDeliveryRequests {
  private target: EmailDeliveryRequests = NO_EMAIL;

  constructor(readonly configured: boolean) {}

  attach(target: EmailDeliveryRequests): void {
    this.target = target;
  }

  requestDelivery(): void {
    this.target.requestDelivery();
  }
}

/** What one delivery attempt came to, as the sender reports it. */
export type DeliveryOutcome = { ok: true; messageId: string } | { ok: false; error: string; nextAttemptAt: string };

/** How many entries the customer page shows. */
export const CUSTOMER_PAGE_ENTRIES = 50;

export class CommunicationService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly email: EmailDeliveryRequests,
  ) {}

  /** The order's entries, newest first, with author names, corrections and delivery state. */
  list(input: CommunicationListInput): { items: CommunicationView[] } {
    if (!this.deps.repos.orders.get(input.id)) throw notFound(`Order ${input.id}`);
    return { items: this.views(this.deps.repos.communications.listForOrder(input.id)) };
  }

  /** The latest entries on any of a customer's orders, newest first (the customer page). */
  forCustomer(customerId: string, limit = CUSTOMER_PAGE_ENTRIES): CommunicationView[] {
    return this.views(this.deps.repos.communications.listForCustomer(customerId, limit));
  }

  /** Entries as the API shows them: one directory lookup for the names, one query for the corrections. */
  views(entries: readonly CommunicationEntry[]): CommunicationView[] {
    const names = this.deps.repos.people.names(entries.map((e) => e.createdBy));
    const corrections = this.deps.repos.communications.correctionsOf(entries.map((e) => e.id));
    return entries.map((e) => ({ ...e, authorName: names.nameOf(e.createdBy), correctedBy: corrections.get(e.id) ?? [] }));
  }

  /**
   * Logs an entry. Allowed on every order, Completed and Cancelled included: talking to a customer
   * after completion is normal, and the log changes nothing on the order itself.
   */
  log(actor: Actor, input: CommunicationLogInput): CommunicationView {
    const entry = inTransaction(this.deps, actor, 'communication.log', (uow) => {
      const order = uow.repos.orders.get(input.id);
      if (!order) throw notFound(`Order ${input.id}`);
      this.assertVehiclesOfOrder(uow, input.id, input.vehicleIds ?? []);
      if (input.correctsId !== undefined) this.assertCorrectable(uow, input.id, input.correctsId);
      const outgoingEmail = input.channel === 'email' && input.direction === 'out';
      const customer = order.customerId ? uow.repos.customers.get(order.customerId) : null;
      const to = outgoingEmail ? (input.to ?? customer?.email ?? null) : null;
      if (outgoingEmail && to === null) {
        throw new PortsideError(
          'RULE_VIOLATION',
          customer
            ? `${customer.name} has no e-mail address: add one to the customer, or give the address in "to".`
            : `Order ${order.orderNumber} has no customer to e-mail: give the address in "to".`,
          { fields: { to: 'An e-mail address is required to send an e-mail.' } },
        );
      }
      const deliveryStatus: DeliveryStatus = !outgoingEmail ? 'none' : this.email.configured ? 'queued' : 'drafted';
      const created: CommunicationEntry = {
        id: uow.newId(),
        orderId: order.id,
        customerId: order.customerId,
        channel: input.channel,
        direction: input.direction ?? null,
        subject: input.subject ?? null,
        body: input.body,
        vehicleIds: [...new Set(input.vehicleIds ?? [])],
        templateKey: input.templateKey ?? null,
        correctsId: input.correctsId ?? null,
        toAddress: to,
        deliveryStatus,
        messageId: null,
        attempts: 0,
        lastError: null,
        nextAttemptAt: deliveryStatus === 'queued' ? uow.now : null,
        sendingDeviceId: deliveryStatus === 'queued' ? uow.repos.communications.deviceId() : null,
        createdAt: uow.now,
        createdBy: uow.actorId,
        version: 1,
        updatedAt: uow.now,
        updatedBy: uow.actorId,
      };
      uow.repos.communications.insert(created);
      uow.audit({
        entityType: 'communication',
        entityId: created.id,
        orderId: order.id,
        action: 'communication_logged',
        changes: [
          { field: 'channel', before: null, after: created.channel },
          { field: 'direction', before: null, after: created.direction },
          { field: 'subject', before: null, after: created.subject },
          ...(created.correctsId ? [{ field: 'correctsId', before: null, after: created.correctsId }] : []),
        ],
      });
      uow.outbox({
        entity: 'communication',
        key: { orderId: order.id, id: created.id },
        baseVersion: null,
        baseFields: null,
        data: { ...created },
      });
      uow.notify({
        entity: 'order',
        id: order.id,
        summary: `${CHANNEL_LABELS[created.channel]} logged on ${order.orderNumber}`,
      });
      return created;
    });
    if (entry.deliveryStatus === 'queued') this.email.requestDelivery();
    return this.one(entry);
  }

  /** "Retry now": a queued or failed e-mail of this device is due at once. */
  retry(actor: Actor, input: CommunicationRetryInput): CommunicationView {
    const entry = inTransaction(this.deps, actor, 'communication.retry', (uow) => {
      const current = uow.repos.communications.get(input.entryId);
      if (!current || current.orderId !== input.id) throw notFound(`Message ${input.entryId} of order ${input.id}`);
      if (current.deliveryStatus !== 'failed' && current.deliveryStatus !== 'queued') {
        throw new PortsideError(
          'RULE_VIOLATION',
          current.deliveryStatus === 'sent'
            ? 'This e-mail was already sent; it is not sent twice.'
            : current.deliveryStatus === 'drafted'
              ? 'This e-mail is a draft (no mail server is configured): open it in your mail app or copy it instead.'
              : 'Only an e-mail waiting to be sent or one that failed can be retried.',
        );
      }
      if (!this.email.configured) {
        throw new PortsideError('RULE_VIOLATION', 'No mail server is configured on this computer, so the e-mail cannot be sent from here.');
      }
      if (current.sendingDeviceId !== uow.repos.communications.deviceId()) {
        throw new PortsideError(
          'RULE_VIOLATION',
          'This e-mail is sent by the computer it was written on; retry it there (it keeps retrying by itself).',
        );
      }
      return this.advance(uow, current, { deliveryStatus: 'queued', nextAttemptAt: uow.now }, 'email_retry_requested');
    });
    this.email.requestDelivery();
    return this.one(entry);
  }

  /** Records one delivery attempt's outcome (the delivery loop, after the SMTP conversation, outside any transaction). */
  recordDelivery(entryId: string, expectedVersion: number, outcome: DeliveryOutcome): CommunicationEntry | null {
    return inTransaction(this.deps, SYSTEM_ACTOR, 'communication.deliver', (uow) => {
      const current = uow.repos.communications.get(entryId);
      // A "Retry now" in between bumped the version: it is due again and the next pass decides.
      if (!current || current.version !== expectedVersion) return null;
      if (current.deliveryStatus === 'sent') return null;
      return outcome.ok
        ? this.advance(
            uow,
            current,
            { deliveryStatus: 'sent', messageId: outcome.messageId, attempts: current.attempts + 1, lastError: null, nextAttemptAt: null },
            'email_sent',
          )
        : this.advance(
            uow,
            current,
            { deliveryStatus: 'failed', attempts: current.attempts + 1, lastError: outcome.error, nextAttemptAt: outcome.nextAttemptAt },
            'email_failed',
          );
    });
  }

  /** Moves the delivery fields one version on, with its audit entry and outbox item. */
  private advance(
    uow: UnitOfWork,
    current: CommunicationEntry,
    patch: Partial<Pick<DeliveryAdvance, 'deliveryStatus' | 'messageId' | 'attempts' | 'lastError' | 'nextAttemptAt'>>,
    action: string,
  ): CommunicationEntry {
    const next: CommunicationEntry = { ...current, ...patch, version: current.version + 1, updatedAt: uow.now, updatedBy: uow.actorId };
    if (!uow.repos.communications.advanceDelivery(current.id, next)) {
      throw new PortsideError('CONFLICT', 'This message changed meanwhile; reload and try again.');
    }
    const fields = ['deliveryStatus', 'messageId', 'attempts', 'lastError', 'nextAttemptAt'] as const;
    const changes: FieldChange[] = fields
      .filter((f) => current[f] !== next[f])
      .map((f) => ({ field: f, before: current[f], after: next[f] }));
    uow.audit({ entityType: 'communication', entityId: current.id, orderId: current.orderId, action, changes });
    uow.outbox({
      entity: 'communication',
      key: { orderId: current.orderId, id: current.id },
      baseVersion: current.version,
      baseFields: Object.fromEntries(changes.map((c) => [c.field, c.before])),
      data: { ...next },
    });
    uow.notify({ entity: 'order', id: current.orderId });
    return next;
  }

  private assertVehiclesOfOrder(uow: UnitOfWork, orderId: string, vehicleIds: readonly string[]): void {
    if (vehicleIds.length === 0) return;
    const onOrder = new Set(uow.repos.orders.links(orderId).map((l) => l.vehicleId));
    const stranger = vehicleIds.find((id) => !onOrder.has(id));
    if (stranger !== undefined) {
      throw new PortsideError('RULE_VIOLATION', `Vehicle ${stranger} is not on this order: choose vehicles of this order only.`, {
        fields: { vehicleIds: `Vehicle ${stranger} is not on this order.` },
      });
    }
  }

  private assertCorrectable(uow: UnitOfWork, orderId: string, correctsId: string): void {
    const earlier = uow.repos.communications.get(correctsId);
    if (!earlier) throw notFound(`Entry ${correctsId} (correctsId)`);
    if (earlier.orderId !== orderId) {
      throw new PortsideError(
        'RULE_VIOLATION',
        `Entry ${correctsId} is not in this order's communication log: a correction must refer to an earlier entry of the same order.`,
        { fields: { correctsId: `Entry ${correctsId} is not an entry of this order.` } },
      );
    }
  }

  private one(entry: CommunicationEntry): CommunicationView {
    const [view] = this.views([entry]);
    if (!view) throw new Error('views() returned nothing for one entry');
    return view;
  }
}
