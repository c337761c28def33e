// Scenario: how the dashboard (no filter) grows from a tenth of the orders to all of them, against count(*) growing alike.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dashboardInput } from '../../core/domain/analytics';
import { openDatabase } from '../../main/db/database';
import { createServices, type Services } from '../../main/services';
import { restoreDataset } from '../dataset-cache';
import { DatasetGenerator } from '../generate';
import { timeIterations } from '../measure';
import { type BenchContext, type ResultRow, resultRow, scaled } from '../scenario';
import { analyticsReady, countBaseline } from './dashboard';

/** The small data set: a tenth of the run's orders (at least a thousand), shaped the same way. */
function smallSize(orders: number): { orders: number; vehicles: number; customers: number } {
  const small = Math.max(1000, Math.round(orders / 10));
  return { orders: small, vehicles: small * 5, customers: Math.max(50, Math.round(small / 5)) };
}

function refresh(services: Services): number | null {
  const analytics = services.analytics as unknown as { refresh?: () => unknown };
  if (typeof analytics.refresh !== 'function') return null;
  const started = performance.now();
  analytics.refresh();
  return performance.now() - started;
}

export function dashboardGrowthScenario(ctx: BenchContext): ResultRow[] {
  const orders = ctx.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM orders`).get()?.n ?? 0;
  const none = dashboardInput.parse({});
  if (!analyticsReady(ctx.services, none)) return [];
  const size = smallSize(orders);
  const plan = { warmup: 3, iterations: scaled(ctx, 40) };
  const dir = mkdtempSync(join(tmpdir(), 'portside-bench-growth-'));
  try {
    const file = join(dir, 'small.sqlite');
    // BENCH_GROWTH_DATASET: the small data set kept by an earlier run (its BENCH_DATASET), restored instead of generated.
    const keptAt = process.env.BENCH_GROWTH_DATASET?.trim() || null;
    // The same depth of history as the run's own data set, so the two differ only in size.
    const history = ctx.history;
    const kept = keptAt ? restoreDataset(keptAt, { ...size, history }, file) : null;
    const db = openDatabase(file);
    const generated = kept ? kept.generation : new DatasetGenerator(db, ctx.generator.now).generate(size, history);
    const services = createServices(db);
    const refreshMs = refresh(services);
    console.log(
      `  growth: ${size.orders}-order data set ${kept ? `restored from ${keptAt}, generated earlier` : 'generated'} in ${(generated.ms.total / 1000).toFixed(1)} s` +
        (refreshMs === null ? '' : `, analytics first build ${(refreshMs / 1000).toFixed(1)} s`),
    );
    ctx.extras.growth = { small: size, smallGeneration: generated, smallAnalyticsFirstBuildMs: refreshMs };
    const smallCount = resultRow(`growth: count(*) orders at ${size.orders} orders`, countBaseline(db, plan.iterations, ctx), null);
    const smallDashboard = resultRow(
      `growth: dashboard, no filter, at ${size.orders} orders`,
      timeIterations(plan, ctx.memory, () => void services.analytics.dashboard(none)),
      null,
    );
    db.close();
    const bigCount = resultRow(`growth: count(*) orders at ${orders} orders`, countBaseline(ctx.db, plan.iterations, ctx), null, {
      name: smallCount.scenario,
      timing: smallCount,
    });
    const bigDashboard = resultRow(
      `growth: dashboard, no filter, at ${orders} orders`,
      timeIterations(plan, ctx.memory, () => void ctx.services.analytics.dashboard(none)),
      null,
      { name: smallDashboard.scenario, timing: smallDashboard },
    );
    return [smallCount, bigCount, smallDashboard, bigDashboard];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
