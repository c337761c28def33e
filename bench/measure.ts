// Timing and memory sampling for the bench: warm-up runs, then one performance.now() span per iteration.

export interface Timing {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
}

/** Nearest-rank percentiles, in milliseconds. */
export function summarize(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
  const sum = sorted.reduce((acc, x) => acc + x, 0);
  return {
    n: sorted.length,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    mean: sorted.length === 0 ? NaN : sum / sorted.length,
    min: sorted[0] ?? NaN,
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

/** Peak resident set (from the OS) and the highest V8 heap use seen at the sampling points. */
export class MemoryWatch {
  private peakHeap = 0;

  sample(): void {
    const used = process.memoryUsage().heapUsed;
    if (used > this.peakHeap) this.peakHeap = used;
  }

  get peakHeapMb(): number {
    this.sample();
    return this.peakHeap / 1024 / 1024;
  }

  get peakRssMb(): number {
    return process.resourceUsage().maxRSS / 1024;
  }
}

export interface Plan {
  warmup: number;
  iterations: number;
}

/** Runs `fn` `warmup` times untimed, then `iterations` times timed; returns the samples. */
export function timeIterations(plan: Plan, memory: MemoryWatch, fn: (iteration: number) => void): number[] {
  for (let i = 0; i < plan.warmup; i++) fn(i);
  const samples: number[] = [];
  for (let i = 0; i < plan.iterations; i++) {
    const started = performance.now();
    fn(plan.warmup + i);
    samples.push(performance.now() - started);
    if (i % 64 === 0) memory.sample();
  }
  return samples;
}

/**
 * Times two variants in alternation (a,b then b,a ...) so that both see the same database
 * growth, WAL checkpoints and machine noise; this makes their ratio meaningful.
 */
export function timePaired(
  plan: Plan,
  memory: MemoryWatch,
  a: (iteration: number) => void,
  b: (iteration: number) => void,
): [number[], number[]] {
  for (let i = 0; i < plan.warmup; i++) {
    a(i);
    b(i);
  }
  const samplesA: number[] = [];
  const samplesB: number[] = [];
  const timed = (fn: (iteration: number) => void, i: number, into: number[]): void => {
    const started = performance.now();
    fn(i);
    into.push(performance.now() - started);
  };
  for (let i = 0; i < plan.iterations; i++) {
    const iteration = plan.warmup + i;
    if (i % 2 === 0) {
      timed(a, iteration, samplesA);
      timed(b, iteration, samplesB);
    } else {
      timed(b, iteration, samplesB);
      timed(a, iteration, samplesA);
    }
    if (i % 64 === 0) memory.sample();
  }
  return [samplesA, samplesB];
}
