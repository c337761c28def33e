// Order rules that merged or pulled data can break (a vehicle in two open orders, a removed vehicle delivered meanwhile): recorded as conflicts of kind 'rule'.
import { outboxItemKey } from '../../core/domain/outbox';
import type { Repos } from '../db/repos';
import type { NewConflict } from '../db/repos/sync-conflicts-repo';

export interface RuleCheckDeps {
  repos: Pick<Repos, 'syncConflicts'>;
  clock: { now(): string };
  ids: { next(): string };
}

/** What a merge or a pull changed: the rule checks look at these vehicles and every vehicle of these orders. */
export interface TouchedRecords {
  vehicleIds: Iterable<string>;
  orderIds: Iterable<string>;
}

/**
 * Records a 'rule' conflict for every broken rule among the touched records that has no open
 * conflict yet; returns the new ones. Runs inside the caller's transaction (the merge's, or the
 * pull's after it applied a batch), so the conflicts land with the data that caused them.
 */
export function detectRuleConflicts(deps: RuleCheckDeps, touched: TouchedRecords, changeSetId: string | null = null): NewConflict[] {
  const repo = deps.repos.syncConflicts;
  const vehicleIds = new Set(touched.vehicleIds);
  for (const orderId of touched.orderIds) for (const v of repo.vehiclesOfOrder(orderId)) vehicleIds.add(v);
  const found: NewConflict[] = [];
  const record = (c: Omit<NewConflict, 'id' | 'createdAt' | 'kind' | 'changeSetId' | 'itemKey' | 'base'>): void => {
    const itemKey = outboxItemKey(c.entity, c.key);
    if (repo.openFor(itemKey, c.field)) return;
    const conflict: NewConflict = {
      ...c,
      id: deps.ids.next(),
      createdAt: deps.clock.now(),
      kind: 'rule',
      changeSetId,
      itemKey,
      base: null,
    };
    repo.insert(conflict);
    found.push(conflict);
  };
  for (const vehicleId of vehicleIds) {
    const links = repo.vehicleLinks(vehicleId);
    const holding = links.filter((l) => l.orderOpen && l.status !== 'Removed');
    const [first, second] = holding;
    if (first && second) {
      const numbers = holding.map((l) => l.orderNumber);
      record({
        entity: 'vehicle',
        key: { id: vehicleId },
        orderId: first.orderId,
        field: 'openOrders',
        mine: numbers,
        theirs: numbers,
        myAuthor: null,
        myAt: null,
        theirAuthor: null,
        theirAt: null,
        message: `Vehicle ${first.vin} is now in ${holding.length} open orders (${numbers.join(', ')}) after changes on two devices; a vehicle belongs to one open order. Remove it from all but one of them, then close this conflict.`,
      });
    }
    const delivered = links[0]?.stage === 'delivered';
    const current = links.some((l) => l.status !== 'Removed');
    if (delivered && !current) {
      for (const removed of links.filter((l) => l.status === 'Removed' && (l.stageAt ?? '') >= l.addedDate)) {
        record({
          entity: 'order_vehicle',
          key: { orderId: removed.orderId, vehicleId },
          orderId: removed.orderId,
          field: 'status',
          mine: 'Removed',
          theirs: 'delivered',
          myAuthor: null,
          myAt: removed.removedDate,
          theirAuthor: null,
          theirAt: removed.stageAt,
          message: `Vehicle ${removed.vin} was removed from order ${removed.orderNumber}, but it has been delivered meanwhile (recorded on another device). Add it back to the order if the delivery was for this customer, or retract the delivery, then close this conflict.`,
        });
      }
    }
  }
  return found;
}
