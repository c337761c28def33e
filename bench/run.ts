// Entry of `npm run bench`: builds a temp database at scale, runs every scenario, prints and saves the results.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../main/db/database';
import { createServices, type Services } from '../main/services';
import { keepDataset, restoreDataset } from './dataset-cache';
import { DatasetGenerator, type DatasetSize, type GenerateReport, type HistoryDepth } from './generate';
import { MemoryWatch } from './measure';
import { printTable, writeResults } from './report';
import type { BenchContext, ResultRow } from './scenario';
import { applyPulledScenario } from './scenarios/apply-pulled';
import { auditVerifyScenario } from './scenarios/audit-verify';
import { createOrderScenario } from './scenarios/create-order';
import { dashboardScenario } from './scenarios/dashboard';
import { dashboardGrowthScenario } from './scenarios/dashboard-growth';
import { orderAnalyticsScenario } from './scenarios/order-analytics';
import { pushThroughputScenario } from './scenarios/push-throughput';
import { assertSearchIndexesConsistent, listOrdersScenario } from './scenarios/list-orders';
import { remoteEditLatencyScenario } from './scenarios/remote-edit-latency';
import { signInAttackScenario } from './scenarios/sign-in-attack';

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw.trim() === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

const SCENARIOS = [
  'list-orders',
  'audit-verify',
  'create-order',
  'apply-pulled',
  'push-throughput',
  'sign-in-attack',
  'remote-edit-latency',
  'dashboard',
  'order-analytics',
  'dashboard-growth',
] as const;
type ScenarioName = (typeof SCENARIOS)[number];

/** BENCH_SCENARIOS=apply-pulled,push-throughput runs only those (e.g. the sync ones); unset runs every scenario. */
function selectedScenarios(): Set<ScenarioName> | null {
  const raw = process.env.BENCH_SCENARIOS;
  if (raw === undefined || raw.trim() === '') return null;
  const names = raw.split(',').map((n) => n.trim());
  const unknown = names.filter((n) => !(SCENARIOS as readonly string[]).includes(n));
  if (unknown.length > 0)
    throw new Error(`BENCH_SCENARIOS names unknown scenarios (${unknown.join(', ')}); known: ${SCENARIOS.join(', ')}`);
  return new Set(names as ScenarioName[]);
}

/** BENCH_HISTORY: full (every call's audit entries and change set, the default) or rows (see HistoryDepth). */
function historyDepth(): HistoryDepth {
  const raw = process.env.BENCH_HISTORY?.trim() || 'full';
  if (raw !== 'full' && raw !== 'rows') throw new Error(`BENCH_HISTORY must be full or rows, got "${raw}"`);
  return raw;
}

function printGeneration({ rows, ms, historyMs }: GenerateReport, keptAt: string | null): void {
  const s = (x: number): string => `${(x / 1000).toFixed(1)} s`;
  console.log(
    `  ${keptAt ? `restored from ${keptAt}, which was generated` : 'generated'} in ${s(ms.total)}: customers and users ${s(ms.customers)}, orders and vehicles ${s(ms.ordersAndVehicles)}, history (stage events, audit, outbox, payments, communication) ${s(ms.history)}`,
  );
  // A data set kept by an older generator has no breakdown.
  if (historyMs as GenerateReport['historyMs'] | undefined) {
    const calls = Object.entries(historyMs.calls).map(([name, c]) => `${name} ${c.count} in ${s(c.ms)}`);
    console.log(`  history: ${calls.join(', ')}; commits ${s(historyMs.commits)}, index rebuild ${s(historyMs.indexRebuild)}`);
  }
  console.log(
    `  rows: ${Object.entries(rows)
      .map(([table, n]) => `${table} ${n}`)
      .join(', ')}`,
  );
}

/**
 * Brings the analytics aggregates up to date over the generated data, as an upgrade would: its
 * time is its own figure. Null while the analytics service has no refresh (before issue 8 lands).
 */
function refreshAnalytics(services: Services, orders: number): { firstBuildMs: number } | null {
  const analytics = services.analytics as unknown as { refresh?: () => unknown };
  if (typeof analytics.refresh !== 'function') {
    console.log('  analytics: no refresh() yet, aggregates not built');
    return null;
  }
  const started = performance.now();
  analytics.refresh();
  const firstBuildMs = performance.now() - started;
  console.log(`  analytics: first build over ${orders} orders in ${(firstBuildMs / 1000).toFixed(1)} s`);
  return { firstBuildMs };
}

async function main(): Promise<boolean> {
  const startedAt = new Date();
  const orders = envInt('BENCH_ORDERS', 100_000);
  const size: DatasetSize = {
    orders,
    vehicles: envInt('BENCH_VEHICLES', orders * 5),
    customers: envInt('BENCH_CUSTOMERS', Math.max(50, Math.round(orders / 5))),
  };
  const memory = new MemoryWatch();
  const dir = mkdtempSync(join(tmpdir(), 'portside-bench-'));
  try {
    const dbFile = join(dir, 'bench.sqlite');
    const keptAt = process.env.BENCH_DATASET?.trim() || null;
    const history = historyDepth();
    const kept = keptAt ? restoreDataset(keptAt, { ...size, history }, dbFile) : null;
    const opening = performance.now();
    let db = openDatabase(dbFile);
    // A data set kept by an older build is brought up to date here (migrations): that is its own figure.
    const openMs = performance.now() - opening;
    if (kept) console.log(`  opened the restored data set in ${(openMs / 1000).toFixed(1)} s (migrations included)`);
    console.log(
      `Portside bench: ${size.orders} orders, ${size.vehicles} vehicles, ${size.customers} customers, ${history} history (Node ${process.version}, ${cpus().length} cores)`,
    );
    const now = kept?.now ?? startedAt.getTime();
    let generator = new DatasetGenerator(db, now);
    const generated = kept ? kept.generation : generator.generate(size, history);
    if (!kept && keptAt) {
      // Copied closed, so the copy holds every page; the run goes on with a fresh connection.
      db.close();
      keepDataset(dbFile, keptAt, { size: { ...size, history }, now, generation: generated });
      db = openDatabase(dbFile);
      generator = new DatasetGenerator(db, now);
    }
    if (kept || keptAt) generator.continueAfter(generated.rows.vehicles);
    memory.sample();
    printGeneration(generated, kept ? keptAt : null);
    const services = createServices(db);
    const analytics = refreshAnalytics(services, size.orders);
    const ctx: BenchContext = {
      db,
      services,
      generator,
      memory,
      iterationScale: envNumber('BENCH_ITERATIONS_SCALE', 1),
      extras: {},
      history,
    };
    const scenarioStarted = performance.now();
    const only = selectedScenarios();
    const run = async (name: ScenarioName, scenario: () => ResultRow[] | Promise<ResultRow[]>): Promise<ResultRow[]> =>
      only === null || only.has(name) ? scenario() : [];
    // Verify runs before create-order, whose raw-insert baseline writes audit rows outside the chain.
    const results: ResultRow[] = [
      // Analytics first: the other scenarios add orders and pulled rows the history never saw.
      ...(await run('dashboard', () => dashboardScenario(ctx))),
      ...(await run('order-analytics', () => orderAnalyticsScenario(ctx))),
      ...(await run('dashboard-growth', () => dashboardGrowthScenario(ctx))),
      ...(await run('list-orders', () => listOrdersScenario(ctx))),
      ...(await run('audit-verify', () => auditVerifyScenario(ctx))),
      ...(await run('create-order', () => createOrderScenario(ctx))),
      // After verify too: the pulled audit entries belong to a made-up device whose hashes are not real.
      ...(await run('apply-pulled', () => applyPulledScenario(ctx))),
      ...(await run('push-throughput', () => pushThroughputScenario(ctx))),
      ...(await run('sign-in-attack', () => signInAttackScenario(ctx))),
      ...(await run('remote-edit-latency', () => remoteEditLatencyScenario(Math.max(5, Math.round(20 * ctx.iterationScale))))),
    ];
    const scenarioMs = performance.now() - scenarioStarted;
    const checkMs = assertSearchIndexesConsistent(db);
    console.log(`  search indexes consistent with their tables (checked in ${(checkMs / 1000).toFixed(1)} s)`);
    db.close();

    console.log('');
    printTable(results);
    const peak = { rssMb: memory.peakRssMb, heapMb: memory.peakHeapMb };
    console.log(
      `\npeak RSS ${peak.rssMb.toFixed(0)} MB, peak heap used ${peak.heapMb.toFixed(0)} MB; scenarios ${(scenarioMs / 1000).toFixed(1)} s`,
    );
    const file = writeResults(startedAt, {
      startedAt: startedAt.toISOString(),
      node: process.version,
      cores: cpus().length,
      size,
      history,
      generation: { ...generated, keptAt: kept ? keptAt : null },
      analytics,
      openMs,
      extras: ctx.extras,
      scenarioMs,
      peak,
      results,
    });
    console.log(`results written to ${file}`);
    return results.every((row) => row.pass !== false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = (await main()) ? 0 : 1;
