// Prints the bench results as a table and saves them as JSON under bench/results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ResultRow } from './scenario';

const ms = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : '-');

function targetText(row: ResultRow): string {
  if (!row.target) return '-';
  const ratio = row.target.maxRatio === undefined ? '' : `, <= ${row.target.maxRatio}x`;
  return `${row.target.metric} < ${row.target.maxMs} ms${ratio}`;
}

export function printTable(rows: readonly ResultRow[]): void {
  const header = ['scenario', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'target', 'vs baseline', 'result'];
  const body = rows.map((r) => [
    r.scenario,
    String(r.n),
    ms(r.p50),
    ms(r.p95),
    ms(r.p99),
    targetText(r),
    r.ratio === null ? '-' : `${r.ratio.toFixed(2)}x ${r.target?.metric ?? 'p95'}`,
    r.pass === null ? '-' : r.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => (cells[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, i) => (i === 0 || i === 5 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const cells of body) console.log(line(cells));
}

/** Writes the run to bench/results/<iso-timestamp>.json (colons replaced so the name is valid on Windows). */
export function writeResults(startedAt: Date, report: Record<string, unknown>): string {
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const file = `${dir}${startedAt.toISOString().replace(/:/g, '-')}.json`;
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
