// Verifies the audit hash chain, its append-only guards and every order's derived fields; read-only, streamed.
import { type AuditChainProblem, AuditChainWalk, type AuditVerifyReport, type OrderConsistencyReport } from '../../core/domain/audit-chain';
import { derivedFieldMismatches, type OrderMismatch, paymentTotalsMismatches } from '../../core/domain/order-consistency';
import { appendOnlyGuardProblems, DEVICE_ID_KEY, sha256Hex } from '../db/audit-chain';
import type { Db } from '../db/database';
import { AuditChainReader } from '../db/repos/audit-repo';
import { OrderTotalsRepo } from '../db/repos/order-totals-repo';

/** Reports list at most this many problems or mismatches (the counts stay exact). */
export const MAX_LISTED = 1000;

/** Databases with fewer orders than this get the consistency check at every start. */
export const START_CHECK_MAX_ORDERS = 5000;

/** Recomputes each order's derived fields from its links, and its payment totals from its payments, with the core rules; never a second formula. */
export function checkOrderConsistency(db: Db): OrderConsistencyReport {
  const repo = new OrderTotalsRepo(db);
  const mismatches: OrderMismatch[] = [];
  let checked = 0;
  let mismatchCount = 0;
  for (const batch of repo.batches()) {
    for (const order of batch) {
      checked += 1;
      const derived = derivedFieldMismatches(order, order.links);
      // The balance is checked against the value the lines give, so a hand-edited value is reported once, not twice.
      const value = derived.find((m) => m.field === 'orderValue')?.expected ?? order.orderValue;
      const found = [...derived, ...paymentTotalsMismatches({ ...order, orderValue: value }, order.payments, order.paymentSums)];
      mismatchCount += found.length;
      if (mismatches.length < MAX_LISTED) mismatches.push(...found.slice(0, MAX_LISTED - mismatches.length));
    }
  }
  return { checked, mismatches, mismatchCount };
}

/**
 * Walks every device's chain in seq order, then lists entries that are in no chain and the
 * append-only guards that were dropped or altered. Only this device's chain has a head in
 * settings to compare its end with; chains pulled from other devices are checked link by link, a gap
 * in them being entries not pulled yet (see AuditChainWalk).
 */
export function verifyAuditChain(db: Db): { checked: number; problems: AuditChainProblem[] } {
  const reader = new AuditChainReader(db);
  const localDevice = reader.settings.get(DEVICE_ID_KEY) ?? null;
  const problems: AuditChainProblem[] = [];
  let checked = 0;
  let walk = null as AuditChainWalk | null;
  let localWalked = false;
  const close = (current: AuditChainWalk): void => {
    if (current.deviceId === localDevice) current.finish(reader.settings.head());
    problems.push(...current.problems);
  };
  for (const row of reader.chained()) {
    checked += 1;
    if (walk?.deviceId !== row.deviceId) {
      if (walk) close(walk);
      walk = new AuditChainWalk(row.deviceId, sha256Hex, { pulled: row.deviceId !== localDevice });
      if (row.deviceId === localDevice) localWalked = true;
    }
    walk.check(row);
  }
  if (walk) close(walk);
  // Every entry of this device deleted: the head in settings still remembers them.
  if (!localWalked && localDevice !== null) close(new AuditChainWalk(localDevice, sha256Hex));
  for (const id of reader.unchained()) {
    checked += 1;
    problems.push({ id, seq: null, reason: `entry ${id} is in no chain: it was inserted outside Portside` });
  }
  problems.push(...appendOnlyGuardProblems(db));
  return { checked, problems };
}

/** Everything `GET /audit/verify` and `npm run audit:verify` report. */
export function verifyIntegrity(db: Db): AuditVerifyReport {
  const chain = verifyAuditChain(db);
  const orders = checkOrderConsistency(db);
  const [first] = chain.problems;
  return {
    ok: chain.problems.length === 0 && orders.mismatchCount === 0,
    checked: chain.checked,
    ...(first ? { firstBroken: first } : {}),
    problems: chain.problems.slice(0, MAX_LISTED),
    orders,
  };
}

export class IntegrityService {
  constructor(private readonly db: Db) {}

  verify(): AuditVerifyReport {
    return verifyIntegrity(this.db);
  }

  checkOrders(): OrderConsistencyReport {
    return checkOrderConsistency(this.db);
  }

  /** The consistency check a start runs, or null when the database is too big to check at every start. */
  checkOrdersAtStart(maxOrders = START_CHECK_MAX_ORDERS): OrderConsistencyReport | null {
    return new OrderTotalsRepo(this.db).count() < maxOrders ? this.checkOrders() : null;
  }
}

/** One line per mismatch, for the log and the CLI. */
export function describeMismatch(m: OrderMismatch): string {
  return `order ${m.orderNumber} (${m.orderId}): ${m.field} is ${m.stored}, its vehicles give ${m.expected}`;
}
