// Folds changed orders into the analytics in the background, a small batch at a time, so the dashboard opens fast.
import type { AnalyticsService } from './analytics-service';

export interface AnalyticsFoldingOptions {
  /** Pause between checks while nothing waits (ms). */
  idleMs?: number;
  /** Pause between batches while catching up (ms): lets edits and reads take the write lock in between. */
  busyMs?: number;
  /** Orders per batch (one transaction). */
  batch?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface AnalyticsFolding {
  stop(): void;
}

/**
 * Every read folds what is left before it reads, so this loop is only about speed: after an
 * upgrade, a bulk load or a big pull it works through the backlog while the app is idle.
 */
export function startAnalyticsFolding(
  analytics: Pick<AnalyticsService, 'refresh' | 'pending'>,
  options: AnalyticsFoldingOptions = {},
): AnalyticsFolding {
  const idleMs = options.idleMs ?? 5_000;
  // Small batches with a pause between: the fold runs on the event loop that also serves the
  // window, the HTTP API and the sync loop, so no batch may hold it for long (about 50 ms).
  const busyMs = options.busyMs ?? 100;
  const batch = options.batch ?? 25;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const tick = (): void => {
    if (stopped) return;
    let next = idleMs;
    try {
      if (analytics.pending() > 0) {
        analytics.refresh(1, batch);
        next = analytics.pending() > 0 ? busyMs : idleMs;
      }
    } catch (error) {
      // A busy database or a closed one at shutdown: try again later; a read folds anyway.
      options.log?.('analytics: background fold failed', error);
    }
    if (!stopped) {
      timer = setTimeout(tick, next);
      timer.unref?.();
    }
  };
  timer = setTimeout(tick, busyMs);
  timer.unref?.();
  return {
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
    },
  };
}
