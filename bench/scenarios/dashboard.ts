// Scenario: the managers' dashboard through AnalyticsService.dashboard, with no filter, each filter alone, and one combination.
import { type DashboardFilters, type DashboardInput, dashboardInput } from '../../core/domain/analytics';
import type { Db } from '../../main/db/database';
import { createServices, type Services } from '../../main/services';
import { timeIterations } from '../measure';
import { type BenchContext, type ResultRow, resultRow, scaled, type Target } from '../scenario';
import { type StatementCost, StatementProfile } from '../statement-profile';

const TARGET: Target = { metric: 'p95', maxMs: 200 };
const DAY = 86_400_000;

export interface DashboardCase {
  label: string;
  filters: DashboardFilters;
}

const one = <T>(db: Db, sql: string): T | undefined => db.prepare<[], T>(sql).get();

/** The filters a manager would pick, taken from the data so each one selects real orders. */
export function dashboardCases(db: Db, nowMs: number): DashboardCase[] {
  const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
  const lastYear = { from: day(nowMs - 365 * DAY), to: day(nowMs) };
  const csr = one<{ id: string }>(db, `SELECT assignee_id AS id FROM orders GROUP BY assignee_id ORDER BY count(*) DESC LIMIT 1`);
  const busy = one<{ id: string; n: number }>(
    db,
    `SELECT customer_id AS id, count(*) AS n FROM orders WHERE customer_id IS NOT NULL GROUP BY customer_id ORDER BY n DESC LIMIT 1`,
  );
  const segment = one<{ segment: string }>(
    db,
    `SELECT min(segment) AS segment FROM customer_segments GROUP BY segment_key ORDER BY count(*) DESC LIMIT 1`,
  );
  const input = (label: string, raw: DashboardInput): DashboardCase => ({ label, filters: dashboardInput.parse(raw) });
  return [
    input('no filter', {}),
    input('from/to: last 12 months', lastYear),
    input('assigneeId: one CSR', { assigneeId: csr?.id }),
    input(`customerId: busiest customer (${busy?.n ?? 0} orders)`, { customerId: busy?.id }),
    input('customerType: dealer', { customerType: 'dealer' }),
    input(`segment: ${segment?.segment ?? 'Trade'}`, { segment: segment?.segment ?? 'Trade' }),
    input('origin: Japan', { origin: 'Japan' }),
    input('currency: JPY', { currency: 'JPY' }),
    input('last 12 months + one CSR', { ...lastYear, assigneeId: csr?.id }),
  ];
}

/** Whether the analytics service answers yet (it throws until issue 8's service lands); logs why not. */
export function analyticsReady(services: Services, filters: DashboardFilters): boolean {
  try {
    services.analytics.dashboard(filters);
    return true;
  } catch (error) {
    console.log(`  dashboard: not measured, the analytics service refused (${error instanceof Error ? error.message : String(error)})`);
    return false;
  }
}

/** `SELECT count(*) FROM orders`: the floor of reading every order once, for the ratios. */
export function countBaseline(db: Db, iterations: number, ctx: BenchContext): number[] {
  const count = db.prepare(`SELECT count(*) FROM orders`).pluck();
  return timeIterations({ warmup: 3, iterations }, ctx.memory, () => void count.get());
}

export function dashboardScenario(ctx: BenchContext): ResultRow[] {
  const cases = dashboardCases(ctx.db, ctx.generator.now);
  if (!cases[0] || !analyticsReady(ctx.services, cases[0].filters)) return [];
  const plan = { warmup: 3, iterations: scaled(ctx, 40) };
  const baselineName = 'dashboard: SELECT count(*) FROM orders (baseline)';
  const baseline = resultRow(baselineName, countBaseline(ctx.db, plan.iterations, ctx), null);
  const versus = { name: baselineName, timing: baseline };
  const rows = cases.map((c) =>
    resultRow(
      `dashboard: ${c.label}`,
      timeIterations(plan, ctx.memory, () => void ctx.services.analytics.dashboard(c.filters)),
      TARGET,
      versus,
    ),
  );
  // Where the time goes, for the cases over target (every case with BENCH_PROFILE=1).
  const profiled = process.env.BENCH_PROFILE === '1' ? cases : cases.filter((_, i) => rows[i]?.pass === false);
  if (profiled.length > 0) {
    const profiles = profileDashboard(ctx.db, profiled);
    printProfiles(profiles);
    ctx.extras.dashboardProfiles = profiles;
  }
  return [baseline, ...rows];
}

export interface CaseProfile {
  label: string;
  totalMs: number;
  sqlMs: number;
  slowest: StatementCost[];
}

/** Runs each case once more through a connection that times every statement, and explains the slowest ones. */
export function profileDashboard(db: Db, cases: readonly DashboardCase[]): CaseProfile[] {
  const profile = new StatementProfile(db);
  const services = createServices(profile.db);
  return cases.map((c) => {
    services.analytics.dashboard(c.filters); // warm: statements prepared, pages cached, as in the timed runs
    profile.reset();
    const started = performance.now();
    services.analytics.dashboard(c.filters);
    const totalMs = performance.now() - started;
    return { label: c.label, totalMs, sqlMs: profile.totalMs(), slowest: profile.slowest(4) };
  });
}

export function printProfiles(profiles: readonly CaseProfile[]): void {
  for (const p of profiles) {
    console.log(`  dashboard profile, ${p.label}: ${p.totalMs.toFixed(1)} ms in all, ${p.sqlMs.toFixed(1)} ms in SQL; slowest statements:`);
    for (const s of p.slowest) {
      console.log(`    ${s.ms.toFixed(1)} ms, ${s.calls} call(s): ${s.sql.slice(0, 300)}`);
      for (const line of s.plan) console.log(`      plan: ${line}`);
    }
  }
}
