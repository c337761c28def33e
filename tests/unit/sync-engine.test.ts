// The sync loop's scheduling on a fake clock with stand-in steps: one pass at a time, coalesced requests, debounce, backoff bounds, stop.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type PassOutcome, type StepContext, SyncEngine, type SyncEngineOptions, type SyncStateRecorder } from '../../sync/engine';
import { classifyFault, describeFault } from '../../sync/faults';

type Recorded = Parameters<SyncStateRecorder['write']>[0];

/** Steps whose passes can be held open, failed on demand, and counted. */
class FakeSteps {
  passes = 0;
  running = 0;
  maxRunning = 0;
  contexts: StepContext[] = [];
  /** Errors the next passes throw from push's stand-in (one per pass); empty = succeed. */
  failures: unknown[] = [];
  private held: (() => void) | null = null;
  hold = false;

  readonly steps = {
    prepare: (context: StepContext): Promise<void> => {
      this.contexts.push(context);
      this.running += 1;
      this.maxRunning = Math.max(this.maxRunning, this.running);
      this.passes += 1;
      return Promise.resolve();
    },
    push: async (): Promise<{ pushed: number; failure: unknown }> => {
      if (this.hold) await new Promise<void>((resolve) => (this.held = resolve));
      const failure = this.failures.shift() ?? null;
      if (failure !== null) this.running -= 1;
      return { pushed: 1, failure };
    },
    pull: (): Promise<{ pulled: number; bootstrapped: boolean }> => {
      this.running -= 1;
      return Promise.resolve({ pulled: 2, bootstrapped: true });
    },
  };

  release(): void {
    this.hold = false;
    this.held?.();
    this.held = null;
  }
}

const offline = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });

let fake: FakeSteps;
let recorded: Recorded[];
let outcomes: PassOutcome[];
let engine: SyncEngine;

function startEngine(options: Partial<SyncEngineOptions> = {}): SyncEngine {
  engine = new SyncEngine({
    steps: fake.steps,
    state: { write: (change) => recorded.push(change) },
    intervalMs: 10_000,
    debounceMs: 300,
    random: () => 0.999,
    backoff: { baseMs: 1_000, capMs: 8_000 },
    ...options,
  });
  engine.onPass((outcome) => outcomes.push(outcome));
  engine.start();
  return engine;
}

/** Lets the pass's awaited steps run (each step is a few microtasks). */
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
  fake = new FakeSteps();
  recorded = [];
  outcomes = [];
});
afterEach(async () => {
  fake.release();
  await engine.stop();
  vi.useRealTimers();
});

describe('sync loop scheduling', () => {
  it('runs a pass at start and then once per interval, never sooner', async () => {
    startEngine();
    await settle();
    expect(fake.passes).toBe(1);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(fake.passes).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.passes).toBe(2);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(fake.passes).toBe(4);
  });

  it('runs one pass at a time: requests during a pass make exactly one more pass after it', async () => {
    fake.hold = true;
    startEngine();
    await settle();
    expect(engine.busy).toBe(true);
    for (let i = 0; i < 5; i += 1) engine.requestSync('manual');
    engine.requestPass('timer');
    await settle();
    expect(fake.passes).toBe(1);
    fake.release();
    await settle();
    expect(fake.passes).toBe(2);
    expect(fake.maxRunning).toBe(1);
    await settle();
    expect(fake.passes).toBe(2);
    expect(engine.busy).toBe(false);
  });

  it('debounces local changes: a burst of edits makes one pass after 300 ms of quiet', async () => {
    startEngine();
    await settle();
    expect(fake.passes).toBe(1);
    for (let i = 0; i < 6; i += 1) {
      engine.requestSync('local-change');
      await vi.advanceTimersByTimeAsync(100);
    }
    // 100 ms of quiet have passed since the last edit.
    expect(fake.passes).toBe(1);
    await vi.advanceTimersByTimeAsync(199);
    expect(fake.passes).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.passes).toBe(2);
  });

  it('after a network failure records offline, backs off within the bound, and resumes the interval once a pass succeeds', async () => {
    fake.failures = [offline, offline, offline, offline, offline];
    const delays: number[] = [];
    startEngine();
    await settle();
    expect(outcomes.at(-1)).toMatchObject({ ok: false, offline: true });
    expect(recorded.at(-1)).toMatchObject({ online: false, progress: null });
    expect(recorded.at(-1)?.lastError).toMatch(/Offline: DynamoDB could not be reached/);
    for (let failure = 1; failure <= 5; failure += 1) {
      const delay = engine.nextDelayMs();
      delays.push(delay);
      // Full jitter of min(cap, base * 2^(n-1)); random 0.999 sits at the top of the range.
      expect(delay).toBeLessThanOrEqual(Math.min(8_000, 1_000 * 2 ** (failure - 1)));
      expect(delay).toBeGreaterThanOrEqual(Math.min(8_000, 1_000 * 2 ** (failure - 1)) * 0.99);
      await vi.advanceTimersByTimeAsync(delay);
    }
    expect(delays).toEqual([999, 1_998, 3_996, 7_992, 7_992]);
    expect(fake.passes).toBe(6);
    expect(outcomes.at(-1)).toMatchObject({ ok: true, pushed: 1, pulled: 2 });
    expect(recorded.at(-1)).toMatchObject({ online: true, lastError: null, progress: null, bootstrapped: true });
    expect(engine.consecutiveFailures).toBe(0);
    expect(engine.nextDelayMs()).toBe(10_000);
  });

  it('never waits longer than the cap, however many passes failed, whatever the jitter', async () => {
    fake.failures = Array.from({ length: 200 }, () => offline);
    let random = 0;
    startEngine({ random: () => (random = (random + 0.37) % 1) });
    for (let i = 0; i < 40; i += 1) {
      await settle();
      const delay = engine.nextDelayMs();
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(8_000);
      await vi.advanceTimersByTimeAsync(delay);
    }
    expect(fake.passes).toBeGreaterThanOrEqual(40);
  });

  it('records a throttled table as online (it answered) and still backs off', async () => {
    fake.failures = [Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } })];
    startEngine();
    await settle();
    expect(recorded.at(-1)).toMatchObject({ online: true });
    expect(recorded.at(-1)?.lastError).toMatch(/busy/);
    expect(engine.consecutiveFailures).toBe(1);
  });

  it('lets local changes wait for the backoff, while "Sync now" runs at once', async () => {
    fake.failures = [offline, offline];
    startEngine({ random: () => 0.5 });
    await settle();
    engine.requestSync('local-change');
    await vi.advanceTimersByTimeAsync(400);
    expect(fake.passes).toBe(1);
    engine.requestSync('manual');
    await settle();
    expect(fake.passes).toBe(2);
  });

  it('asks push to retry what waits on the first pass, after a failure and on request, not on a routine timer pass', async () => {
    fake.failures = [null, offline, null, offline];
    startEngine({ random: () => 0.5 });
    await settle(); // 1: the first pass
    await vi.advanceTimersByTimeAsync(10_000); // 2: a routine timer pass, which fails
    engine.requestSync('retry'); // 3: asked for (before the 500 ms backoff is up)
    await settle();
    await vi.advanceTimersByTimeAsync(10_000); // 4: routine again, fails
    await vi.advanceTimersByTimeAsync(500); // 5: the backoff retry
    expect(fake.contexts.map((c) => c.retryWaiting)).toEqual([true, false, true, false, true]);
  });

  it('stops cleanly: waits for the running pass, then starts no other', async () => {
    fake.hold = true;
    startEngine();
    await settle();
    engine.requestSync('manual');
    engine.requestSync('local-change');
    let stopped = false;
    const stopping = engine.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    fake.release();
    await stopping;
    expect(stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.passes).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('throttles progress writes and clears progress when the pass ends', async () => {
    const steps = {
      ...fake.steps,
      push: (context: StepContext) => {
        for (let done = 0; done <= 10; done += 1) context.progress({ phase: 'pushing' as const, done, total: 10 });
        return Promise.resolve({ pushed: 10, failure: null });
      },
    };
    engine = new SyncEngine({ steps, state: { write: (c) => recorded.push(c) }, intervalMs: 10_000, now: () => new Date(0) });
    engine.start();
    await settle();
    const progress = recorded.filter((c) => c.progress !== undefined && c.progress !== null);
    expect(progress).toEqual([{ progress: { phase: 'pushing', done: 0, total: 10 } }]);
    expect(recorded.at(-1)?.progress).toBeNull();
  });
});

describe('waiting for a person (an online sign-in)', () => {
  it('runs no step while it waits, records why without an error or backoff, and syncs on the first look after the sign-in', async () => {
    let signedIn = false;
    const logged: string[] = [];
    startEngine({ waitFor: () => Promise.resolve(signedIn ? null : 'sign-in'), log: (message) => logged.push(message) });
    await settle();
    expect(fake.passes).toBe(0);
    expect(outcomes).toEqual([{ ok: false, offline: false, waiting: 'sign-in', error: expect.stringMatching(/^Sign in to sync/) }]);
    expect(recorded).toContainEqual({ waiting: 'sign-in', online: false, progress: null });
    expect(recorded.some((change) => typeof change.lastError === 'string')).toBe(false);
    // The normal interval, not a backoff; the log says it once, not once per look.
    expect(engine.consecutiveFailures).toBe(0);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(fake.passes).toBe(0);
    expect(outcomes).toHaveLength(4);
    expect(logged.filter((line) => line.includes('Sign in to sync'))).toHaveLength(1);

    signedIn = true;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fake.passes).toBe(1);
    expect(outcomes.at(-1)).toEqual({ ok: true, pushed: 1, pulled: 2 });
    expect(recorded).toContainEqual({ waiting: null });
    // Change sets that sat out a retry delay go now, as on the loop's first pass.
    expect(fake.contexts[0]?.retryWaiting).toBe(true);
  });

  it('a person\'s "Sync now" looks again at once', async () => {
    let signedIn = false;
    startEngine({ waitFor: () => Promise.resolve(signedIn ? null : 'sign-in') });
    await settle();
    signedIn = true;
    engine.requestSync('manual');
    await settle();
    expect(fake.passes).toBe(1);
  });
});

describe('what a failed call means', () => {
  it('tells offline (no answer) from busy (throttled, 5xx) from refused (credentials, table)', () => {
    expect(classifyFault(offline)).toBe('offline');
    expect(classifyFault(Object.assign(new Error('socket timed out'), { name: 'TimeoutError' }))).toBe('offline');
    expect(classifyFault(new Error('wrapped', { cause: offline }))).toBe('offline');
    expect(classifyFault(Object.assign(new Error('x'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } }))).toBe('busy');
    expect(classifyFault(Object.assign(new Error('x'), { name: 'InternalServerError', $metadata: { httpStatusCode: 500 } }))).toBe('busy');
    expect(classifyFault(Object.assign(new Error('no'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } }))).toBe(
      'refused',
    );
    expect(classifyFault(Object.assign(new Error('no creds'), { name: 'CredentialsProviderError' }))).toBe('refused');
    expect(describeFault(offline)).toMatch(/^Offline: .*Changes are kept/);
  });
});
