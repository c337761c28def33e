// Local sessions: a bearer token works until it expires or is signed out, and then says so plainly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/domain/runtime';
import { type ApiHarness, expectError, expectOk, startApi } from '../support/api-harness';

const clock = new ManualClock('2026-03-02T09:00:00.000Z');
let api: ApiHarness;
beforeAll(async () => {
  api = await startApi({ clock });
});
afterAll(async () => {
  await api.close();
});

describe('sessions', () => {
  it('keeps a session for 12 hours and then asks the CSR to sign in again', async () => {
    const { token } = await api.signIn('casey', 'correct horse battery staple');
    clock.advance(11 * 3_600_000);
    expectOk(await api.call('GET', '/auth/me', undefined, { token }));
    clock.advance(2 * 3_600_000);
    const ended = expectError(await api.call('GET', '/auth/me', undefined, { token }), 'UNAUTHENTICATED');
    expect(ended.message).toBe('Your session has ended. Sign in again to continue.');
  });

  it('ends the session on sign-out, for that token only', async () => {
    const first = await api.signIn('casey', 'correct horse battery staple');
    const second = await api.signIn('casey', 'correct horse battery staple');
    expectOk(await api.call('POST', '/auth/logout', {}, { token: first.token }));
    expectError(await api.call('GET', '/orders', undefined, { token: first.token }), 'UNAUTHENTICATED');
    expectOk(await api.call('GET', '/orders', undefined, { token: second.token }));
  });
});
