// The sign-in throttle's policy: free failures, doubling lockouts with a cap, and waits said the way a person reads them.
import { describe, expect, it } from 'vitest';
import { describeWait, lockedOutMessage, lockoutMs, retryAfterSeconds } from '../../core/auth/sign-in-throttle';

describe('sign-in lockouts', () => {
  it('lets an account name fail five times and a client ten before any lockout', () => {
    expect([1, 2, 3, 4, 5].map((n) => lockoutMs('user', n))).toEqual([0, 0, 0, 0, 0]);
    expect(lockoutMs('user', 6)).toBe(1_000);
    expect(lockoutMs('client', 10)).toBe(0);
    expect(lockoutMs('client', 11)).toBe(1_000);
  });

  it('doubles the lockout per further failure and caps it at 15 minutes, however many failures', () => {
    expect([6, 7, 8, 9, 15, 16, 17].map((n) => lockoutMs('user', n) / 1000)).toEqual([1, 2, 4, 8, 512, 900, 900]);
    expect(lockoutMs('user', 1_000_000)).toBe(900_000);
  });

  it('rounds the wait up to whole seconds, never below one', () => {
    expect(retryAfterSeconds(10_001, 9_000)).toBe(2);
    expect(retryAfterSeconds(9_000, 9_000)).toBe(1);
  });

  it('says the wait in seconds under a minute and in minutes, rounded up, above', () => {
    expect([1, 45, 60, 61, 120, 900].map(describeWait)).toEqual([
      '1 second',
      '45 seconds',
      '1 minute',
      '2 minutes',
      '2 minutes',
      '15 minutes',
    ]);
  });

  it('tells an account apart from a client lockout, and says an administrator can unlock the account', () => {
    expect(lockedOutMessage('user', 120)).toBe(
      'Too many failed sign-ins for this account. Try again in 2 minutes, or ask an administrator to unlock it.',
    );
    expect(lockedOutMessage('client', 5)).toBe('Too many failed sign-ins from this computer. Try again in 5 seconds.');
  });
});
