// What every bench scenario receives and returns: the context, targets, and one result row per measured case.
import type { Db } from '../main/db/database';
import type { Services } from '../main/services';
import type { DatasetGenerator, HistoryDepth } from './generate';
import { type MemoryWatch, summarize, type Timing } from './measure';

export interface BenchContext {
  db: Db;
  services: Services;
  generator: DatasetGenerator;
  memory: MemoryWatch;
  /** Iteration counts are multiplied by this (BENCH_ITERATIONS_SCALE), e.g. 0.2 for a smoke run. */
  iterationScale: number;
  /** How much history the data set holds (BENCH_HISTORY). */
  history: HistoryDepth;
  /** Figures a scenario reports beside its rows (profiles, sizes): saved with the results. */
  extras: Record<string, unknown>;
}

/** A row passes when its metric is under `maxMs` and, if given, within `maxRatio` of its baseline. */
export interface Target {
  metric: 'p50' | 'p95';
  maxMs: number;
  maxRatio?: number;
}

export interface ResultRow extends Timing {
  scenario: string;
  target: Target | null;
  /** Name of the row this one is compared with, measured in the same run. */
  baseline: string | null;
  /** This row's target metric (p95 when it has no target) divided by the baseline's. */
  ratio: number | null;
  pass: boolean | null;
}

export function resultRow(
  scenario: string,
  samples: readonly number[],
  target: Target | null,
  baseline: { name: string; timing: Timing } | null = null,
): ResultRow {
  const timing = summarize(samples);
  const metric = target?.metric ?? 'p95';
  const ratio = baseline ? timing[metric] / baseline.timing[metric] : null;
  const pass = target ? timing[metric] < target.maxMs && (target.maxRatio === undefined || (ratio ?? 0) <= target.maxRatio) : null;
  return { scenario, ...timing, target, baseline: baseline?.name ?? null, ratio, pass };
}

/** Scales an iteration count, keeping at least a handful of iterations. */
export function scaled(ctx: BenchContext, iterations: number): number {
  return Math.max(5, Math.round(iterations * ctx.iterationScale));
}
