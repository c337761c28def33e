// The sync loop: one pass at a time (prepare -> push -> pull), on a timer, after local changes, on request and with backoff after faults.
import type { SyncProgress, SyncWait } from '../core/domain/sync-status';
import { type BackoffPolicy, backoffDelayMs } from './backoff';
import { classifyFault, describeFault } from './faults';

/** Why a pass was asked for (the same words as main/services/sync-control.ts, plus the loop's own). */
export type PassReason = 'manual' | 'local-change' | 'reconnect' | 'retry' | 'timer' | 'start' | 'backoff';

/** What a step gets for one pass. */
export interface StepContext {
  /**
   * Retry what waits: the pass follows a failure, is the loop's first, or a person asked. Push then
   * clears per-change-set retry delays (the loop's own backoff already spaced the attempts), so a
   * queue never sits out a five-minute delay after the link came back.
   */
  retryWaiting: boolean;
  /** Reports how far the step is (shown as the progress bar); throttled by the engine. */
  progress(progress: SyncProgress): void;
}

export interface PushStepResult {
  pushed: number;
  /** What stopped the push early (throttled, 5xx, network); null when it went through its queue. */
  failure: unknown;
}

export interface PullStepResult {
  pulled: number;
  /** Whether the device now holds a full copy of the table (the first download is done). */
  bootstrapped: boolean;
}

/**
 * The three steps of a pass. `prepare` claims what must be claimed in the table before anything
 * else (the demo seed, this device's order-number blocks); a step that throws ends the pass as failed.
 */
export interface SyncSteps {
  prepare(context: StepContext): Promise<void>;
  push(context: StepContext): Promise<PushStepResult>;
  pull(context: StepContext): Promise<PullStepResult>;
}

/** Where the loop records its state (main/db/repos/sync-state-repo.ts); fields left out keep their value. */
export interface SyncStateRecorder {
  write(change: {
    waiting?: SyncWait | null;
    online?: boolean;
    lastSuccessAt?: string | null;
    lastError?: string | null;
    progress?: SyncProgress | null;
    bootstrapped?: boolean;
  }): void;
}

/** Timers, injectable so scheduling is tested on a fake clock. */
export interface LoopTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SyncEngineOptions {
  steps: SyncSteps;
  state: SyncStateRecorder;
  /** The normal wait between passes (PORTSIDE_SYNC_INTERVAL_MS). */
  intervalMs: number;
  /** Quiet time after a local change before the pass it asks for (several edits make one pass). */
  debounceMs?: number;
  /** Spacing of retries after a failed pass; the cap bounds every wait. */
  backoff?: BackoffPolicy;
  now?: () => Date;
  /** [0, 1), for the backoff's jitter. */
  random?: () => number;
  timers?: LoopTimers;
  /** Least time between two progress writes. */
  progressEveryMs?: number;
  log?: (message: string, error?: unknown) => void;
  /**
   * Asked before each pass: what the loop must wait for, or null to go ahead. While it waits, no step
   * runs, nothing counts as a failure (no backoff, no error in a loop), and it asks again each interval.
   */
  waitFor?: () => Promise<SyncWait | null>;
}

export const DEFAULT_DEBOUNCE_MS = 300;

/** Change events whose cause starts with this come from sync applying pulled data (e.g. `sync.pull`), not from a local edit. */
export const SYNC_EVENT_CAUSE_PREFIX = 'sync.';

export function isOwnSyncEvent(cause: string): boolean {
  return cause.startsWith(SYNC_EVENT_CAUSE_PREFIX);
}
/** Retries after a fault: up to 1 s at first, doubling to at most a minute (a laptop back online syncs soon). */
export const LOOP_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 60_000 };

const realTimers: LoopTimers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // The loop alone never keeps a process alive (a server's socket or Electron's window does).
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type PassOutcome =
  | { ok: true; pushed: number; pulled: number }
  /** `waiting`: the pass did not start because the loop waits for a person (e.g. an online sign-in). */
  | { ok: false; error: string; offline: boolean; waiting?: SyncWait };

/** What the loop says while it waits for a person. */
export const SYNC_WAIT_MESSAGES: Record<SyncWait, string> = {
  'sign-in': 'Sign in to sync: changes are kept on this computer and sent once someone signs in online.',
};

/**
 * Runs passes one at a time. A request while a pass runs marks one more pass to follow it
 * (never a second concurrent one: two passes would push the same change set twice). After a
 * failed pass the next one waits a backoff delay (full jitter, capped); after a good one the
 * normal interval. Local changes during a backoff wait for it; a person's "Sync now" does not.
 */
export class SyncEngine {
  private readonly steps: SyncSteps;
  private readonly state: SyncStateRecorder;
  private readonly timers: LoopTimers;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly log: (message: string, error?: unknown) => void;
  private readonly debounceMs: number;
  private readonly backoff: BackoffPolicy;
  private readonly progressEveryMs: number;
  private running: Promise<void> | null = null;
  private again: PassReason | null = null;
  private nextTimer: unknown = null;
  private debounceTimer: unknown = null;
  private failures = 0;
  private passes = 0;
  private started = false;
  private stopped = false;
  private lastProgressAt = Number.NEGATIVE_INFINITY;
  private lastLogged: string | null = null;
  private waiting: SyncWait | null = null;
  private readonly passListeners = new Set<(outcome: PassOutcome) => void>();

  constructor(private readonly options: SyncEngineOptions) {
    this.steps = options.steps;
    this.state = options.state;
    this.timers = options.timers ?? realTimers;
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.log = options.log ?? (() => undefined);
    this.debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
    this.backoff = options.backoff ?? LOOP_BACKOFF;
    this.progressEveryMs = options.progressEveryMs ?? 250;
  }

  /** Starts the loop with a first pass right away. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    // What the last run was waiting for may be done by now; the first pass (right away) looks again.
    this.state.write({ progress: null, waiting: null });
    this.requestPass('start');
  }

  /** Failed passes in a row (0 when the last one went through): what the backoff grows with. */
  get consecutiveFailures(): number {
    return this.failures;
  }

  /** Whether a pass runs right now. */
  get busy(): boolean {
    return this.running !== null;
  }

  /** Calls `listener` after every pass (tests and the bench wait on it); returns the unsubscribe. */
  onPass(listener: (outcome: PassOutcome) => void): () => void {
    this.passListeners.add(listener);
    return () => this.passListeners.delete(listener);
  }

  /** SyncControl.requestSync: a person, a retried change set or a reconnect asks for a pass now. */
  requestSync(reason: 'manual' | 'local-change' | 'reconnect' | 'retry'): void {
    if (reason === 'local-change') this.localChange();
    else this.requestPass(reason);
  }

  /** A local edit: one pass after `debounceMs` of quiet, unless a backoff wait is on (the retry comes anyway). */
  localChange(): void {
    if (!this.started || this.stopped) return;
    if (this.debounceTimer !== null) this.timers.clearTimeout(this.debounceTimer);
    this.debounceTimer = this.timers.setTimeout(() => {
      this.debounceTimer = null;
      if (this.failures === 0) this.requestPass('local-change');
    }, this.debounceMs);
  }

  /** A pass now, or right after the running one. */
  requestPass(reason: PassReason): void {
    if (!this.started || this.stopped) return;
    if (this.running) {
      // A person's request retries what waits, whatever asked first.
      if (this.again === null || reason === 'manual' || reason === 'reconnect' || reason === 'retry') this.again = reason;
      return;
    }
    this.clearNextTimer();
    this.running = this.runPass(reason).finally(() => {
      this.running = null;
      const again = this.again;
      this.again = null;
      if (this.stopped) return;
      if (again !== null) this.requestPass(again);
      else this.scheduleNext();
    });
  }

  /** Stops the loop: no new pass starts, timers are cleared, and the running pass is awaited. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearNextTimer();
    if (this.debounceTimer !== null) this.timers.clearTimeout(this.debounceTimer);
    this.debounceTimer = null;
    this.again = null;
    await this.running;
  }

  private clearNextTimer(): void {
    if (this.nextTimer !== null) this.timers.clearTimeout(this.nextTimer);
    this.nextTimer = null;
  }

  /** The wait before the next timed pass: the interval when online, a jittered backoff after failures. */
  nextDelayMs(): number {
    if (this.failures === 0) return this.options.intervalMs;
    return Math.min(backoffDelayMs(this.failures, this.random, this.backoff), this.backoff.capMs);
  }

  private scheduleNext(): void {
    const reason: PassReason = this.failures === 0 ? 'timer' : 'backoff';
    this.nextTimer = this.timers.setTimeout(() => {
      this.nextTimer = null;
      this.requestPass(reason);
    }, this.nextDelayMs());
  }

  private progress = (progress: SyncProgress): void => {
    const at = this.now().getTime();
    if (at - this.lastProgressAt < this.progressEveryMs) return;
    this.lastProgressAt = at;
    this.state.write({ progress });
  };

  private async runPass(reason: PassReason): Promise<void> {
    let outcome: PassOutcome;
    try {
      const wait = (await this.options.waitFor?.()) ?? null;
      if (wait !== null) outcome = this.wait(wait);
      else {
        // The first pass after a wait retries what waits, as the loop's first pass does.
        const context: StepContext = {
          retryWaiting:
            this.passes === 0 || this.failures > 0 || this.waiting !== null || ['manual', 'reconnect', 'retry'].includes(reason),
          progress: this.progress,
        };
        this.passes += 1;
        this.lastProgressAt = Number.NEGATIVE_INFINITY;
        outcome = await this.passSteps(context);
      }
    } catch (error) {
      outcome = this.failed(error);
    }
    for (const listener of this.passListeners) {
      try {
        listener(outcome);
      } catch (error) {
        this.log('sync: a pass listener failed', error);
      }
    }
  }

  /** Nothing runs until the person acts; the next look is one interval away (a manual "Sync now" looks at once). */
  private wait(wait: SyncWait): PassOutcome {
    this.failures = 0;
    if (this.waiting !== wait) {
      this.waiting = wait;
      this.lastLogged = null;
      this.log(`sync: waiting: ${SYNC_WAIT_MESSAGES[wait]}`);
    }
    // Not an attempt: whether the table answers is unknown until a pass runs.
    this.record({ waiting: wait, online: false, progress: null });
    return { ok: false, error: SYNC_WAIT_MESSAGES[wait], offline: false, waiting: wait };
  }

  private async passSteps(context: StepContext): Promise<PassOutcome> {
    if (this.waiting !== null) {
      this.waiting = null;
      this.record({ waiting: null });
    }
    await this.steps.prepare(context);
    const pushed = await this.steps.push(context);
    // Push stopped at a fault that is not its change set's (throttled, 5xx, network): the pass failed.
    if (pushed.failure !== null && pushed.failure !== undefined) return this.failed(pushed.failure);
    const pulled = await this.steps.pull(context);
    if (this.failures > 0) this.log(`sync: back online after ${this.failures} failed pass(es)`);
    this.failures = 0;
    this.lastLogged = null;
    this.record({
      online: true,
      lastSuccessAt: this.now().toISOString(),
      lastError: null,
      progress: null,
      bootstrapped: pulled.bootstrapped,
    });
    return { ok: true, pushed: pushed.pushed, pulled: pulled.pulled };
  }

  private failed(error: unknown): PassOutcome {
    this.failures += 1;
    const fault = classifyFault(error);
    const message = describeFault(error);
    // Throttling and 5xx mean the table answered: online, only busy. No answer at all means offline.
    this.record({ online: fault !== 'offline', lastError: message, progress: null });
    // Once per kind of trouble, not once per retry: a week offline must not fill the log.
    if (message !== this.lastLogged) {
      this.lastLogged = message;
      this.log(`sync: pass failed (${fault}); retrying with backoff up to ${this.backoff.capMs / 1000} s: ${message}`, error);
    }
    return { ok: false, error: message, offline: fault === 'offline' };
  }

  private record(change: Parameters<SyncStateRecorder['write']>[0]): void {
    try {
      this.state.write(change);
    } catch (error) {
      // The database closing under a stopping app must not turn into an unhandled rejection.
      this.log('sync: could not record the sync state', error);
    }
  }
}
