// Order rules that merged or pulled data can break (a vehicle in two open orders, a removed vehicle delivered meanwhile): recorded as conflicts of kind 'rule'.
import { outboxItemKey } from '../../core/domain/outbox';
import { SYSTEM_USER_ID } from '../../core/domain/people';
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

/** Why a rule conflict closed without a person: the data no longer breaks the rule. */
export const RULE_HOLDS_AGAIN = 'Closed on its own: the orders no longer break this rule (fixed here or on another device).';

/**
 * Records a 'rule' conflict for every broken rule among the touched records that has no open
 * conflict yet; returns the new ones. Runs inside the caller's transaction (the merge's, or the
 * pull's after it applied a batch), so the conflicts land with the data that caused them.
 *
 * An open rule conflict of a touched vehicle whose rule holds again is closed ("theirs": the data
 * as it now stands), unaudited like its detection: a rule conflict describes the data, not an
 * edit. It is how a double booking fixed on another device stops asking this CSR to fix it, and
 * how a merge's passing state closes: a change set re-queued at its old base until the table's
 * newer row arrives (the removal of a vehicle from an order, say) shows the vehicle in two open
 * orders for a moment, and that must not stay on the Conflicts screen once the removal is merged.
 */
export function detectRuleConflicts(deps: RuleCheckDeps, touched: TouchedRecords, changeSetId: string | null = null): NewConflict[] {
  const repo = deps.repos.syncConflicts;
  const vehicleIds = new Set(touched.vehicleIds);
  for (const orderId of touched.orderIds) for (const v of repo.vehiclesOfOrder(orderId)) vehicleIds.add(v);
  const found: NewConflict[] = [];
  const broken = new Set<string>();
  const record = (c: Omit<NewConflict, 'id' | 'createdAt' | 'kind' | 'changeSetId' | 'itemKey' | 'base'>): void => {
    const itemKey = outboxItemKey(c.entity, c.key);
    broken.add(`${itemKey}|${c.field}`);
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
    const candidates = [
      { itemKey: outboxItemKey('vehicle', { id: vehicleId }), field: 'openOrders' },
      ...links.map((l) => ({ itemKey: outboxItemKey('order_vehicle', { orderId: l.orderId, vehicleId }), field: 'status' })),
    ];
    for (const { itemKey, field } of candidates) {
      if (broken.has(`${itemKey}|${field}`)) continue;
      const open = repo.openFor(itemKey, field);
      if (open?.kind !== 'rule') continue;
      repo.resolve(open.id, { resolution: 'theirs', value: null, reason: RULE_HOLDS_AGAIN, by: SYSTEM_USER_ID, at: deps.clock.now() });
    }
  }
  return found;
}
