// BENCH_DATASET: keeps a generated data set on disk so a later run measures the same data without generating it again.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { DatasetSize, GenerateReport, HistoryDepth } from './generate';

interface CachedDataset {
  size: DatasetSize & { history: HistoryDepth };
  /** The generator's "now": the history ends there. */
  now: number;
  generation: GenerateReport;
}

const metaPath = (path: string): string => `${path}.json`;

/**
 * Copies the data set kept at `path` to `target` (the run's own database, which scenarios may
 * change) and returns how it was made; null when none is kept there yet.
 */
export function restoreDataset(path: string, size: CachedDataset['size'], target: string): CachedDataset | null {
  if (!existsSync(path) || !existsSync(metaPath(path))) return null;
  const meta = JSON.parse(readFileSync(metaPath(path), 'utf8')) as CachedDataset;
  if (JSON.stringify(meta.size) !== JSON.stringify(size)) {
    throw new Error(
      `BENCH_DATASET=${path} holds ${JSON.stringify(meta.size)}, not ${JSON.stringify(size)}: choose another path or delete it.`,
    );
  }
  copyFileSync(path, target);
  return meta;
}

/** Keeps a copy of the freshly generated database at `path` (closed first, so its WAL is folded in). */
export function keepDataset(dbFile: string, path: string, meta: CachedDataset): void {
  copyFileSync(dbFile, path);
  writeFileSync(metaPath(path), `${JSON.stringify(meta, null, 2)}\n`);
}
