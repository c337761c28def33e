// Retry delays for a change set DynamoDB could not take right now (throttling, 5xx, network): exponential backoff with full jitter.

export interface BackoffPolicy {
  /** The ceiling of the first retry's delay. */
  baseMs: number;
  /** No delay grows past this, however many attempts failed. */
  capMs: number;
}

/** One second doubling to five minutes: a laptop back online retries soon, a throttled table is not hammered. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 300_000 };

/**
 * The delay before retry number `attempts` (1 after the first failure): a uniformly random
 * share of min(cap, base * 2^(attempts - 1)). Full jitter (rather than a fixed doubling) keeps
 * many devices that failed together from retrying together. `random` returns [0, 1).
 */
export function backoffDelayMs(attempts: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const step = Math.max(0, Math.floor(attempts) - 1);
  // 2^step overflows to Infinity past ~1023; min() with the cap keeps it finite.
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(step, 1_000));
  const share = Math.min(Math.max(random(), 0), 1);
  return Math.floor(share * ceiling);
}

/** When the change set may be tried again, as ISO 8601. */
export function nextAttemptAt(now: Date, attempts: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): string {
  return new Date(now.getTime() + backoffDelayMs(attempts, random, policy)).toISOString();
}
