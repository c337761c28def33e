// The Sync screen's service: open conflicts and their resolution (mine / theirs / an edited value), the queue, retrying a parked change set, "Sync now".
import type { z } from 'zod';
import { notFound, PortsideError, ruleViolation } from '../../core/api/errors';
import { decisiveIssue, parseInput } from '../../core/api/validation';
import { customerUpdateInput } from '../../core/domain/customer';
import { orderUpdateInput, orderUpdateVehicleInput } from '../../core/domain/order';
import type { SyncedEntity } from '../../core/domain/outbox';
import type { ChangeSetRetryInput, QueuedChangeSet, SyncConflict, SyncConflictResolveInput } from '../../core/domain/sync-conflict';
import type { ConflictRecord } from '../db/repos/sync-conflicts-repo';
import type { CustomersService } from './customers-service';
import type { OrdersService } from './orders-service';
import { recordLabel } from './sync-conflict-text';
import type { SyncControl } from './sync-control';
import { type Actor, inTransaction, type ServiceDeps } from './unit-of-work';

/**
 * The fields a resolution can set, with the schema the field's own edit uses (so an edited value
 * is held to the same rules) and the name that edit takes it under. Other fields (derived ones,
 * a vehicle's details no screen edits) can only be closed with theirs.
 */
const EDITABLE: Partial<Record<SyncedEntity, Record<string, { schema: z.ZodType; input: string }>>> = {
  order: {
    notes: { schema: orderUpdateInput.shape.notes, input: 'notes' },
    targetCompletionDate: { schema: orderUpdateInput.shape.estimatedCompletionDate, input: 'estimatedCompletionDate' },
    customerId: { schema: orderUpdateInput.shape.customerId, input: 'customerId' },
    currency: { schema: orderUpdateInput.shape.currency, input: 'currency' },
    status: { schema: orderUpdateInput.shape.status, input: 'status' },
  },
  customer: Object.fromEntries(
    (['name', 'company', 'email', 'phone', 'address', 'preferredChannel', 'notes'] as const).map((f) => [
      f,
      { schema: customerUpdateInput.shape[f], input: f },
    ]),
  ),
  order_vehicle: { price: { schema: orderUpdateVehicleInput.shape.price, input: 'price' } },
};

/** Fields a person can never leave empty: an edit must give a value. */
const REQUIRED = new Set(['customer.name', 'order_vehicle.price', 'order.currency', 'order.status']);

/** Change sets the queue lists at most (the oldest of a longer queue are counted in the status, not listed). */
const QUEUE_LIMIT = 200;

export class SyncConflictsService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly orders: OrdersService,
    private readonly customers: CustomersService,
    private readonly control: SyncControl,
  ) {}

  list(): { items: SyncConflict[] } {
    return { items: this.deps.repos.syncConflicts.open().map((c) => this.view(c)) };
  }

  queue(): { items: QueuedChangeSet[] } {
    const { outbox } = this.deps.repos;
    return {
      items: outbox.queue(QUEUE_LIMIT).map((cs) => ({
        id: cs.id,
        operation: cs.operation,
        createdAt: cs.createdAt,
        actorName: cs.actorName,
        items: cs.itemCount,
        state: cs.state === 'done' ? 'pending' : cs.state,
        attempts: cs.attempts,
        lastError: outbox.parkMessage(cs),
        nextAttemptAt: cs.nextAttemptAt,
      })),
    };
  }

  /** A change set parked with an error goes back to the queue (after the cause was fixed); the loop is asked to run. */
  retry(_actor: Actor, input: ChangeSetRetryInput): QueuedChangeSet {
    const { outbox } = this.deps.repos;
    const cs = outbox.byId(input.id);
    if (!cs) throw notFound(`Change set ${input.id}`);
    if (cs.state !== 'parked' || !outbox.requeue(cs.id)) {
      const why =
        cs.state === 'conflict'
          ? 'it waits for the merge with the other device’s change, which runs on its own'
          : cs.state === 'done'
            ? 'it has already reached the table'
            : 'it is already waiting in the queue';
      throw new PortsideError('CONFLICT', `This change cannot be retried: ${why}. Only a change parked with an error can be retried.`);
    }
    this.control.requestSync('retry');
    const row = this.queue().items.find((q) => q.id === cs.id);
    // Past the queue's first page: the same fields, never the stored row (its seq and actorId are internal).
    return (
      row ?? {
        id: cs.id,
        operation: cs.operation,
        createdAt: cs.createdAt,
        items: cs.items.length,
        actorName: null,
        state: 'pending',
        attempts: 0,
        lastError: null,
        nextAttemptAt: null,
      }
    );
  }

  runNow(): { requested: true } {
    this.control.requestSync('manual');
    return { requested: true };
  }

  /**
   * Resolves an open conflict. "theirs" closes it (the table already holds theirs); "mine" and
   * "edit" set the field through the field's ordinary, audited edit, which queues it for the
   * table like any change. Each resolution is itself an audit entry, synced with the rest.
   */
  resolve(actor: Actor, input: SyncConflictResolveInput): SyncConflict {
    const conflict = this.deps.repos.syncConflicts.get(input.id);
    if (!conflict) throw notFound(`Conflict ${input.id}`);
    if (conflict.state !== 'open') {
      throw new PortsideError(
        'CONFLICT',
        `This conflict was already resolved by ${conflict.resolvedBy ? this.deps.repos.people.nameOf(conflict.resolvedBy) : 'someone'} (${conflict.resolution ?? 'closed'}).`,
        { current: this.view(conflict) },
      );
    }
    const editable = this.editSpec(conflict);
    if (input.choice !== 'theirs' && !editable) {
      throw ruleViolation(
        conflict.kind === 'rule'
          ? 'A rule conflict is settled in the order itself (for example remove the vehicle from one of the orders); then close it with "Keep theirs".'
          : `${conflict.field} is not edited by hand: close this conflict with "Keep theirs" (the value is recomputed).`,
      );
    }
    const value =
      input.choice === 'mine' ? conflict.mine : input.choice === 'edit' ? this.editedValue(conflict, input.value) : conflict.theirs;
    const reason = input.reason ?? null;
    return this.deps.db
      .transaction(() => {
        if (input.choice !== 'theirs') this.applyValue(actor, conflict, value, reason);
        inTransaction(this.deps, actor, 'sync.conflicts.resolve', (uow) => {
          uow.repos.syncConflicts.resolve(conflict.id, { resolution: input.choice, value, reason, by: uow.actorId, at: uow.now });
          uow.audit({
            entityType:
              conflict.entity === 'order_vehicle' || conflict.entity === 'customer' || conflict.entity === 'vehicle'
                ? conflict.entity
                : 'order',
            entityId:
              conflict.entity === 'order_vehicle'
                ? `${conflict.key.orderId ?? ''}/${conflict.key.vehicleId ?? ''}`
                : (conflict.key.id ?? conflict.key.vehicleId ?? ''),
            orderId: conflict.orderId,
            action: 'conflict_resolved',
            changes: [{ field: conflict.field, before: conflict.theirs, after: value }],
            reason: `Kept ${input.choice === 'edit' ? 'an edited value' : input.choice}${reason ? `: ${reason}` : '.'}`,
          });
          if (conflict.entity === 'order' || conflict.entity === 'customer' || conflict.entity === 'vehicle') {
            uow.notify({ entity: conflict.entity, id: conflict.key.id ?? '', summary: 'Sync conflict resolved' });
          }
        });
        const resolved = this.deps.repos.syncConflicts.get(conflict.id);
        return this.view(resolved ?? conflict);
      })
      .immediate();
  }

  private editSpec(conflict: ConflictRecord): { schema: z.ZodType; input: string } | null {
    if (conflict.kind !== 'field') return null;
    return EDITABLE[conflict.entity]?.[conflict.field] ?? null;
  }

  /** The edited value, held to the field's own rules; a refusal names `value`. */
  private editedValue(conflict: ConflictRecord, raw: unknown): unknown {
    const spec = this.editSpec(conflict);
    if (!spec) return null;
    const parsed = spec.schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const message = issue ? decisiveIssue(issue).message : `Not a valid ${conflict.field}.`;
      throw new PortsideError('VALIDATION', `value: ${message}`, { fields: { value: message } });
    }
    const value: unknown = parsed.data ?? null;
    if (value === null && REQUIRED.has(`${conflict.entity}.${conflict.field}`)) {
      const message = `${conflict.field} cannot be empty: enter the value to keep.`;
      throw new PortsideError('VALIDATION', message, { fields: { value: message } });
    }
    return value;
  }

  /** Sets the field through its ordinary edit at the record's current version (audited, queued for the table). */
  private applyValue(actor: Actor, conflict: ConflictRecord, value: unknown, reason: string | null): void {
    const spec = this.editSpec(conflict);
    if (!spec) return;
    const withReason = reason ? { reason } : {};
    if (conflict.entity === 'order') {
      const id = conflict.key.id ?? '';
      const order = this.orders.get(id);
      this.orders.update(actor, parseInput(orderUpdateInput, { id, version: order.version, [spec.input]: value, ...withReason }));
    } else if (conflict.entity === 'customer') {
      const id = conflict.key.id ?? '';
      const customer = this.customers.get(id);
      // Settling a conflict picks between values people already saved: a likeness to another customer is no reason to refuse it.
      this.customers.update(
        actor,
        parseInput(customerUpdateInput, { id, version: customer.version, [spec.input]: value, allowDuplicate: true }),
      );
    } else if (conflict.entity === 'order_vehicle') {
      const id = conflict.key.orderId ?? '';
      const order = this.orders.get(id);
      this.orders.updateVehicle(
        actor,
        parseInput(orderUpdateVehicleInput, { id, version: order.version, vehicleId: conflict.key.vehicleId ?? '', price: value }),
      );
    }
  }

  private view(c: ConflictRecord): SyncConflict {
    const { repos } = this.deps;
    const name = (who: string | null): string | null => (who ? repos.people.nameOf(who) : null);
    return {
      id: c.id,
      entity: c.entity,
      key: c.key,
      orderId: c.orderId,
      label: recordLabel(repos, c.entity, c.key),
      field: c.field,
      kind: c.kind,
      base: c.base,
      mine: c.mine,
      theirs: c.theirs,
      myAuthor: name(c.myAuthor),
      myAt: c.myAt,
      theirAuthor: name(c.theirAuthor),
      theirAt: c.theirAt,
      message: c.message,
      createdAt: c.createdAt,
      state: c.state,
      resolution: c.resolution,
      resolvedValue: c.resolvedValue,
      resolvedReason: c.resolvedReason,
      resolvedBy: name(c.resolvedBy),
      resolvedAt: c.resolvedAt,
      editable: this.editSpec(c) !== null,
    };
  }
}
