// Following an order (creator and assignee automatically, anyone by choice) and reassigning it: audited, synced.
import { PortsideError } from '../../core/api/errors';
import type { Assignee, FollowState, OrderFollowInput, OrderReassignInput } from '../../core/domain/notification-api';
import type { Order } from '../../core/domain/order';
import { SYSTEM_USER_ID } from '../../core/domain/people';
import type { FollowerRecord } from '../db/repos/order-followers-repo';
import { finish } from './order-writes';
import type { OrdersService } from './orders-service';
import { type Actor, inTransaction, type ServiceDeps, type UnitOfWork } from './unit-of-work';

/**
 * Sets whether `userId` follows the order, inside the caller's transaction: the row, its audit
 * entry and its outbox item. Returns false (and writes nothing) when nothing changes. Portside
 * itself never follows.
 */
export function setFollowing(uow: UnitOfWork, orderId: string, userId: string, following: boolean): boolean {
  if (userId === SYSTEM_USER_ID) return false;
  const before = uow.repos.followers.get(orderId, userId);
  if ((before?.following ?? false) === following) return false;
  const after: FollowerRecord = {
    orderId,
    userId,
    following,
    version: (before?.version ?? 0) + 1,
    updatedAt: uow.now,
    updatedBy: uow.actorId,
  };
  uow.repos.followers.put(after);
  uow.audit({
    entityType: 'order_follower',
    entityId: `${orderId}/${userId}`,
    orderId,
    action: following ? 'followed' : 'unfollowed',
    changes: [
      { field: 'userId', before: null, after: userId },
      { field: 'following', before: before?.following ?? false, after: following },
    ],
  });
  // A row at version 0 was derived locally by migration 015 and never pushed: its first change creates the item.
  const synced = before !== null && before.version > 0;
  uow.outbox({
    entity: 'order_follower',
    key: { orderId, userId },
    baseVersion: synced ? before.version : null,
    baseFields: synced ? { following: before.following } : null,
    data: { ...after },
  });
  uow.notify({ entity: 'order', id: orderId });
  return true;
}

export class OrderFollowingService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly orders: OrdersService,
  ) {}

  follow(actor: Actor, input: OrderFollowInput): FollowState {
    return this.setOwn(actor, input.id, true, 'orders.follow');
  }

  unfollow(actor: Actor, input: OrderFollowInput): FollowState {
    return this.setOwn(actor, input.id, false, 'orders.unfollow');
  }

  /** Gives the order to another known user (Managers and Admins: the contract's orders:reassign); the new assignee follows it. */
  reassign(actor: Actor, input: OrderReassignInput): Order {
    return inTransaction(this.deps, actor, 'orders.reassign', (uow) => {
      const { before, links } = this.orders.loadAtVersion(uow, input.id, input.version);
      const assignee = uow.repos.users.byId(input.assigneeId);
      if (!assignee || assignee.disabled) {
        throw new PortsideError('NOT_FOUND', 'The chosen assignee is not a Portside user: pick someone from the list.', {
          fields: { assigneeId: 'No user with this id.' },
        });
      }
      if (assignee.id === before.assigneeId) return this.orders.toOrder(before, links, uow.actorId);
      const saved = finish(uow, before, { ...before, assigneeId: assignee.id }, links, { action: 'reassigned', reason: null });
      setFollowing(uow, before.id, assignee.id, true);
      return this.orders.toOrder(saved, links, uow.actorId);
    });
  }

  /** The people an order can be assigned to: every account that can sign in. */
  assignees(): { items: Assignee[] } {
    return { items: this.deps.repos.users.active().map((u) => ({ id: u.id, displayName: u.displayName, roles: u.roles })) };
  }

  private setOwn(actor: Actor, orderId: string, following: boolean, operation: string): FollowState {
    return inTransaction(this.deps, actor, operation, (uow) => {
      if (!uow.repos.orders.get(orderId)) {
        throw new PortsideError('NOT_FOUND', 'This order was not found: it may have been removed. Reload the orders list.', {
          fields: { id: 'No order with this id.' },
        });
      }
      setFollowing(uow, orderId, uow.actorId, following);
      return { orderId, following, followerCount: uow.repos.followers.count(orderId) };
    });
  }
}
