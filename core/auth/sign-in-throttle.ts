// The sign-in throttle's policy: free failures, exponential lockouts, and the words a person reads when locked out.

/** What a counter is kept for: one account name (known or not), or one caller (remote address, or 'ipc'). */
export type ThrottleScope = 'user' | 'client';

export const SIGN_IN_THROTTLE = {
  /**
   * Failures allowed before the first lockout. A client gets more than an account because
   * every account signed into from one machine (all of them, on loopback) shares its counter.
   */
  freeFailures: { user: 5, client: 10 } satisfies Record<ThrottleScope, number>,
  /** The first lockout; each further failure doubles it, up to `maxLockoutMs`. */
  firstLockoutMs: 1_000,
  maxLockoutMs: 15 * 60_000,
  /** A counter with no failure for this long starts afresh (so yesterday's typos do not count today). */
  forgetAfterMs: 24 * 3_600_000,
} as const;

/**
 * How long a counter at `failures` locks sign-in: nothing up to the free failures, then 1 s,
 * 2 s, 4 s ... doubling per further failure, capped at 15 minutes.
 */
export function lockoutMs(scope: ThrottleScope, failures: number): number {
  const over = failures - SIGN_IN_THROTTLE.freeFailures[scope];
  if (over <= 0) return 0;
  // 2^20 s is far past the cap already; bounding the exponent keeps the number finite.
  return Math.min(SIGN_IN_THROTTLE.maxLockoutMs, SIGN_IN_THROTTLE.firstLockoutMs * 2 ** Math.min(over - 1, 20));
}

/** Whole seconds to wait from `nowMs` until `untilMs`, at least 1 (what Retry-After carries). */
export function retryAfterSeconds(untilMs: number, nowMs: number): number {
  return Math.max(1, Math.ceil((untilMs - nowMs) / 1000));
}

/** "1 second", "45 seconds", "2 minutes" (rounded up, so the wait is never shorter than said). */
export function describeWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/**
 * The message for a locked-out sign-in. It is the same whether or not the account exists, so a
 * lockout tells an attacker nothing about which usernames are real.
 */
export function lockedOutMessage(scope: ThrottleScope, seconds: number): string {
  const wait = describeWait(seconds);
  return scope === 'user'
    ? `Too many failed sign-ins for this account. Try again in ${wait}, or ask an administrator to unlock it.`
    : `Too many failed sign-ins from this computer. Try again in ${wait}.`;
}
