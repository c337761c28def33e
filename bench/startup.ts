// `npm run bench:startup [-- <dir>]`: how long opening the database takes at start, without and with each integrity check.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FULL_CHECK_MAX_BYTES, openDatabase } from '../main/db/database';
import { DatasetGenerator, type HistoryDepth } from './generate';

type Check = 'none' | 'quick' | 'full';

const orders = Number(process.env.BENCH_ORDERS ?? 100_000);
// BENCH_HISTORY=rows leaves out the audit trail and outbox (see generate.ts HistoryDepth).
const history: HistoryDepth = process.env.BENCH_HISTORY === 'rows' ? 'rows' : 'full';
// Kept between runs (generating 100k orders takes minutes); delete the folder to start afresh.
const dir = resolve(process.argv[2] ?? join(tmpdir(), `portside-bench-startup-${orders}-${history}`));
const file = join(dir, 'portside.sqlite');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const checks = (process.env.BENCH_CHECKS ?? 'none,quick,full').split(',') as Check[];

function generateIfMissing(): void {
  if (existsSync(file)) return;
  mkdirSync(dir, { recursive: true });
  const db = openDatabase(file);
  const started = performance.now();
  new DatasetGenerator(db, Date.now()).generate({ orders, vehicles: orders * 5, customers: Math.max(50, Math.round(orders / 5)) }, history);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  console.log(`generated ${orders} orders into ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const median = (values: number[]): number => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/**
 * Median wall and CPU time of `runs` opens; migrations are already done, so this is the
 * start-up cost a user sees. CPU time is the steadier figure on a machine shared with other work.
 */
function openTimes(check: Check): { wallMs: number; cpuMs: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    openDatabase(file, { integrityCheck: check }).close();
    const used = process.cpuUsage(cpuBefore);
    wall.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

generateIfMissing();
const size = statSync(file).size;
const auto = size < FULL_CHECK_MAX_BYTES ? 'full' : 'quick';
console.log(`${file}: ${(size / 1024 / 1024).toFixed(0)} MB; a start runs the "${auto}" check at this size`);
for (const check of checks) {
  const { wallMs, cpuMs } = openTimes(check);
  console.log(
    `  open with integrity check "${check}": ${wallMs.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU (median of ${runs}, warm page cache)`,
  );
}
