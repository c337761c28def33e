// One service call = one SQLite transaction writing entity rows, audit entries and one outbox change set.
import { hasPermission, type Permission, type Role } from '../../core/auth/permissions';
import type { AuditEntity, AuditOrigin, FieldChange } from '../../core/domain/audit';
import type { OutboxItem } from '../../core/domain/outbox';
import { SYSTEM_USER_ID, SYSTEM_USER_NAME } from '../../core/domain/people';
import type { Clock, IdGenerator } from '../../core/domain/runtime';
import type { Db } from '../db/database';
import type { Repos } from '../db/repos';
import type { ChangeEvent, ChangeEvents } from './change-events';
import type { OrderNumberAllocator } from './order-numbers';

export interface ServiceDeps {
  db: Db;
  repos: Repos;
  clock: Clock;
  ids: IdGenerator;
  events: ChangeEvents;
  /** Numbers new orders (local counter, or reserved blocks in cloud mode). */
  orderNumbers: OrderNumberAllocator;
}

/** Who is acting: a signed-in user, or the system itself (demo seeding, rules). */
export interface Actor {
  /** The user's id; null only for a caller nobody knows (a failed sign-in), which writes audit entries, never records. */
  id: string | null;
  /** The display name at the time: audit entries keep it (and fill the people directory from it). */
  name: string;
  /** The user's roles, for the few rules that depend on them (e.g. reopening a completed order). */
  roles?: readonly Role[];
  /** Acting in a session unlocked offline: the entries it writes are marked origin 'offline'. */
  offline?: boolean;
}

/** Whether the actor's roles grant a permission; the system actor has none. */
export function actorMay(actor: Actor, permission: Permission): boolean {
  return hasPermission(actor.roles ?? [], permission);
}

export const SYSTEM_ACTOR: Actor = { id: SYSTEM_USER_ID, name: SYSTEM_USER_NAME };

export interface AuditInput {
  entityType: AuditEntity;
  entityId: string;
  orderId: string | null;
  action: string;
  changes: FieldChange[];
  reason?: string | null | undefined;
  origin?: AuditOrigin;
}

export class UnitOfWork {
  readonly now: string;
  private readonly outboxItems: OutboxItem[] = [];
  private readonly changeEvents: ChangeEvent[] = [];

  constructor(
    readonly deps: ServiceDeps,
    readonly actor: Actor,
    readonly operation: string,
  ) {
    this.now = deps.clock.now();
  }

  get repos(): Repos {
    return this.deps.repos;
  }

  /** The id records carry as createdBy / updatedBy / recordedBy: the actor's, or the system's when nobody is known. */
  get actorId(): string {
    return this.actor.id ?? SYSTEM_USER_ID;
  }

  newId(): string {
    return this.deps.ids.next();
  }

  /** Appends an audit entry to this device's hash chain, and its append-only outbox item carrying the chain link. */
  audit(input: AuditInput): void {
    const entry = {
      id: this.newId(),
      at: this.now,
      actorId: this.actor.id,
      actorName: this.actor.name,
      entityType: input.entityType,
      entityId: input.entityId,
      orderId: input.orderId,
      action: input.action,
      changes: input.changes,
      reason: input.reason ?? null,
      origin: this.originOf(input.origin ?? 'local'),
    };
    const chained = this.repos.audit.insert(entry);
    this.outboxItems.push({ entity: 'audit', key: { id: chained.id }, baseVersion: null, baseFields: null, data: { ...chained } });
  }

  /** A person's own change made in an offline session is marked so (sync and system entries keep theirs). */
  private originOf(origin: AuditOrigin): AuditOrigin {
    return origin === 'local' && this.actor.offline === true ? 'offline' : origin;
  }

  outbox(item: OutboxItem): void {
    this.outboxItems.push(item);
  }

  notify(event: Omit<ChangeEvent, 'cause'> & { cause?: string }): void {
    this.changeEvents.push({ cause: this.operation, ...event });
  }

  /** Writes the change set; called once, at the end of the transaction. */
  flush(): void {
    if (this.outboxItems.length === 0) return;
    this.repos.outbox.append({
      id: this.newId(),
      createdAt: this.now,
      actorId: this.actor.id,
      operation: this.operation,
      items: this.outboxItems,
    });
  }

  get events(): readonly ChangeEvent[] {
    return this.changeEvents;
  }
}

/**
 * Runs `work` inside one SQLite transaction. Nothing inside may await: better-sqlite3 is
 * synchronous, so the transaction either commits whole or rolls back whole. Change events
 * are published only after the commit.
 *
 * BEGIN IMMEDIATE takes the write lock up front, where the busy timeout applies. A deferred
 * transaction reads first and upgrades later; under WAL, if another connection committed in
 * between, the upgrade fails at once with SQLITE_BUSY whatever the timeout.
 */
export function inTransaction<T>(deps: ServiceDeps, actor: Actor, operation: string, work: (uow: UnitOfWork) => T): T {
  const uow = new UnitOfWork(deps, actor, operation);
  const result = deps.db
    .transaction(() =>
      deps.repos.audit.inBatch(() => {
        const value = work(uow);
        uow.flush();
        return value;
      }),
    )
    .immediate();
  deps.events.emit(uow.events);
  deps.events.committed();
  return result;
}

/** Fields of `before` that `changes` touched, for the outbox's per-field merge base. */
export function baseFieldsOf(before: object | null, changes: readonly FieldChange[]): Record<string, unknown> | null {
  if (!before) return null;
  return Object.fromEntries(changes.map((c) => [c.field, c.before]));
}
