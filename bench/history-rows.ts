// BENCH_HISTORY=rows: the history's own rows (stage events, payments, messages, followers) without the audit trail and outbox.
import { v7 as uuidv7 } from 'uuid';
import { SYSTEM_USER_ID } from '../core/domain/people';
import { IMPORT_STAGES } from '../core/domain/stages';
import { ChainSettings } from '../main/db/audit-chain';
import type { Db } from '../main/db/database';
import { HistoryKind, type HistoryLog } from './history-log';
import { communicationEntry, insertCommunication } from './history-messages';
import { historyStatements, type ReplayReport } from './history-replay';
import type { Actor } from './trail-writer';

const EVENTS_PER_TRANSACTION = 20_000;
const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Writes every row the history leaves outside the trail, oldest first, as they stand at the end
 * (an e-mail already sent). The order rows keep what the generator wrote, which is what the
 * replay reaches except for a Cancelled order's figures, here its vehicles' current stages
 * rather than those at cancellation (and no cancel snapshot). For data sets too big to replay
 * in full on a busy machine: the audit trail and outbox are what costs.
 */
export function writeHistoryRows(db: Db, log: HistoryLog, csrs: readonly Actor[], manager: Actor): ReplayReport {
  const started = performance.now();
  const stmt = historyStatements(db);
  const deviceId = new ChainSettings(db).deviceId();
  const counts = { stageEvents: 0, payments: 0, communications: 0, followers: 0 };
  const order = log.oldestFirst();
  const chunk = db.transaction((from: number, to: number) => {
    for (let k = from; k < to; k++) {
      const e = log.at(order[k] ?? 0);
      const o = e.kind === HistoryKind.Stage || e.kind === HistoryKind.VehicleCreated ? undefined : log.orders[e.subject];
      const csr = csrs[o?.csr ?? 0] ?? manager;
      const at = iso(e.time);
      if (e.kind === HistoryKind.Stage) {
        const v = log.vehicles[e.subject];
        const by = csrs[e.by]?.id ?? SYSTEM_USER_ID;
        if (v) stmt.event.run(uuidv7({ msecs: Math.floor(e.time) }), v.id, IMPORT_STAGES[e.detail] ?? 'pending', at, by, at);
        counts.stageEvents++;
      } else if (e.kind === HistoryKind.OrderCreated && o) {
        stmt.follower.run(o.id, csr.id, at, csr.id);
        counts.followers++;
      } else if (e.kind === HistoryKind.Payment && o) {
        const p = o.payments[e.detail];
        const by = p?.kind === 'refund' ? manager.id : csr.id;
        if (p) stmt.payment.run(p.id, o.id, p.kind, p.amount, o.currency, p.method, p.reference, at, at, by);
        counts.payments++;
      } else if (e.kind === HistoryKind.CommunicationLogged && o) {
        const c = o.communications[e.detail];
        if (!c) continue;
        insertCommunication(stmt, communicationEntry(o, c, csr.id, deviceId, true));
        counts.communications++;
      }
    }
  });
  for (let k = 0; k < order.length; k += EVENTS_PER_TRANSACTION) chunk(k, Math.min(order.length, k + EVENTS_PER_TRANSACTION));
  return { ...counts, auditEntries: 0, changeSets: 0, statusMismatches: 0, calls: {}, commitMs: performance.now() - started };
}
