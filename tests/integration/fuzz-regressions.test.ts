// What contract fuzzing found, kept as plain cases: each failed before its fix.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, expectOk, startApi } from '../support/api-harness';

let api: ApiHarness;

beforeAll(async () => {
  api = await startApi({ roles: ['Admin'], validateResponses: true });
});
afterAll(async () => {
  await api.close();
});

describe('found by fuzzing', () => {
  it('retrying a parked change set beyond the first 200 of the queue answers the queue view, not the stored row', async () => {
    const { outbox } = api.backend.services.deps.repos;
    const parked = randomUUID();
    outbox.append({ id: parked, createdAt: '2026-11-01T00:00:00.000Z', actorId: null, operation: 'customers.update', items: [] });
    outbox.park(parked, { reason: 'rejected', message: 'ValidationException: too large', remoteItems: [] });
    // Newer change sets fill the queue's first page (newest first), so the parked one is not on it.
    for (let i = 0; i < 200; i++) {
      outbox.append({ id: randomUUID(), createdAt: '2026-11-30T00:00:00.000Z', actorId: null, operation: 'customers.update', items: [] });
    }
    // validateResponses: an internal field (seq, actorId) in the answer fails the call itself.
    const retried = expectOk(await api.call<Record<string, unknown>>('POST', `/sync/changes/${parked}/retry`, {}));
    expect(Object.keys(retried).sort()).toEqual(
      ['actorName', 'attempts', 'createdAt', 'id', 'items', 'lastError', 'nextAttemptAt', 'operation', 'state'].sort(),
    );
    expect(retried).toMatchObject({ id: parked, state: 'pending' });
  });
});
