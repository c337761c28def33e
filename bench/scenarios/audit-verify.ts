// Scenario 3: verify the audit hash chain and every order's derived fields on the bench database.
import type { AuditEntry } from '../../core/domain/audit';
import { checkOrderConsistency, verifyAuditChain, verifyIntegrity } from '../../main/services/integrity-service';
import { timeIterations } from '../measure';
import { type BenchContext, type ResultRow, resultRow } from '../scenario';

/** Without a generated history (an older generator), give the chain a length: a few entries per order. */
const ENTRIES_PER_ORDER = 5;
const ENTRIES_PER_TRANSACTION = 5000;

function fillTrail(ctx: BenchContext, entries: number): number {
  const orderIds = ctx.db.prepare<[number], { id: string }>(`SELECT id FROM orders ORDER BY id LIMIT ?`).all(entries);
  const write = ctx.db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const orderId = orderIds[i % Math.max(1, orderIds.length)]?.id ?? null;
      const entry: AuditEntry = {
        id: `bench-${String(i).padStart(9, '0')}`,
        at: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
        actorId: 'bench-actor',
        actorName: 'Casey Morgan',
        entityType: 'order',
        entityId: orderId ?? 'none',
        orderId,
        action: 'updated',
        changes: [
          { field: 'notes', before: null, after: 'Customer asked for weekly updates by email.' },
          { field: 'orderValue', before: 1_250_000 + i, after: 1_300_000 + i },
        ],
        reason: null,
        origin: 'local',
      };
      ctx.services.deps.repos.audit.insert(entry);
    }
  });
  const started = performance.now();
  for (let from = 0; from < entries; from += ENTRIES_PER_TRANSACTION) write(from, Math.min(entries, from + ENTRIES_PER_TRANSACTION));
  return performance.now() - started;
}

export function auditVerifyScenario(ctx: BenchContext): ResultRow[] {
  const count = (sql: string): number => ctx.db.prepare<[], { n: number }>(sql).get()?.n ?? 0;
  const orders = count(`SELECT count(*) AS n FROM orders`);
  // The generator replays every order's history into the chain: verify measures that trail as it is.
  let entries = count(`SELECT count(*) AS n FROM audit_entries`);
  if (entries === 0) {
    entries = orders * ENTRIES_PER_ORDER;
    const fillMs = fillTrail(ctx, entries);
    console.log(
      `  audit trail: ${entries} chained entries written in ${(fillMs / 1000).toFixed(1)} s (${((fillMs * 1000) / Math.max(1, entries)).toFixed(0)} µs each)`,
    );
  }
  // Each run reads the whole database: one timed run of each is the measurement.
  const plan = { warmup: 0, iterations: 1 };
  let ok = true;
  const whole = timeIterations(plan, ctx.memory, () => {
    ok = verifyIntegrity(ctx.db).ok && ok;
  });
  if (!ok) throw new Error('audit verify found problems in the bench database');
  const chain = timeIterations(plan, ctx.memory, () => void verifyAuditChain(ctx.db));
  const totals = timeIterations(plan, ctx.memory, () => void checkOrderConsistency(ctx.db));
  return [
    resultRow(`verify: audit chain (${entries} entries) + order totals (${orders} orders)`, whole, null),
    resultRow(`verify: audit chain only (${entries} entries)`, chain, null),
    resultRow(`verify: order totals only (${orders} orders)`, totals, null),
  ];
}
