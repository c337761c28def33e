// Specification of the push retry delays: exponential backoff with full jitter, capped.
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, DEFAULT_BACKOFF, nextAttemptAt } from '../../sync/backoff';

const policy = { baseMs: 1_000, capMs: 60_000 };
const top = (): number => 0.999_999;

describe('backoff with full jitter', () => {
  it('doubles the ceiling with each failed attempt, starting at the base', () => {
    expect([1, 2, 3, 4, 5].map((a) => backoffDelayMs(a, top, policy))).toEqual([999, 1_999, 3_999, 7_999, 15_999]);
  });

  it('never exceeds the cap however many attempts failed', () => {
    for (const attempts of [7, 8, 50, 5_000]) expect(backoffDelayMs(attempts, top, policy)).toBeLessThan(policy.capMs);
    expect(backoffDelayMs(Number.MAX_SAFE_INTEGER, top, DEFAULT_BACKOFF)).toBeLessThan(DEFAULT_BACKOFF.capMs);
  });

  it('spreads delays over the whole range from zero to the ceiling (full jitter, not equal jitter)', () => {
    expect(backoffDelayMs(4, () => 0, policy)).toBe(0);
    expect(backoffDelayMs(4, () => 0.5, policy)).toBe(4_000);
  });

  it('treats a first call (zero attempts) like the first retry and clamps a random source out of range', () => {
    expect(backoffDelayMs(0, top, policy)).toBe(999);
    expect(backoffDelayMs(3, () => 7, policy)).toBe(4_000);
    expect(backoffDelayMs(3, () => -1, policy)).toBe(0);
  });

  it('gives the next attempt time as ISO 8601 after now', () => {
    expect(nextAttemptAt(new Date('2026-11-30T07:00:00.000Z'), 2, () => 0.5, policy)).toBe('2026-11-30T07:00:01.000Z');
  });
});
