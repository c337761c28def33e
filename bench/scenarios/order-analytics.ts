// Scenario: one order's analytics (AnalyticsService.orderAnalytics) over random orders, against loading the order itself.
import { timePaired } from '../measure';
import { type BenchContext, type ResultRow, resultRow, scaled } from '../scenario';
import { seededRandom } from '../vocabulary';

export function orderAnalyticsScenario(ctx: BenchContext): ResultRow[] {
  const ids = ctx.db.prepare<[], { id: string }>(`SELECT id FROM orders WHERE deleted = 0`).all();
  const rand = seededRandom(11);
  const plan = { warmup: 10, iterations: scaled(ctx, 400) };
  const picks = Array.from({ length: plan.warmup + plan.iterations }, () => rand.pick(ids).id);
  const first = picks[0];
  if (first === undefined) return [];
  try {
    ctx.services.analytics.orderAnalytics(first);
  } catch (error) {
    console.log(
      `  order analytics: not measured, the analytics service refused (${error instanceof Error ? error.message : String(error)})`,
    );
    return [];
  }
  const at = (i: number): string => picks[i] ?? first;
  // Paired with the order's own view, so both see the same orders, cache and machine noise.
  const [analytics, view] = timePaired(
    plan,
    ctx.memory,
    (i) => void ctx.services.analytics.orderAnalytics(at(i)),
    (i) => void ctx.services.orders.get(at(i)),
  );
  const baselineName = 'order analytics: OrdersService.get of the same order (baseline)';
  const baseline = resultRow(baselineName, view, null);
  return [
    resultRow(
      'order analytics: random orders (AnalyticsService.orderAnalytics)',
      analytics,
      { metric: 'p95', maxMs: 10 },
      {
        name: baselineName,
        timing: baseline,
      },
    ),
    baseline,
  ];
}
